package org.tuopin.pairing;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * The sums of one group of pairings (one donor type, or one recipient region). A sum is null when no record
 * of the group has the value: missing is not zero. The delivery ratio counts only records that have both a
 * pledge and a delivery, so that a record without a pledge does not inflate it.
 *
 * @param key            the donor type's name, or the recipient region's code
 * @param withFunds      records that have a delivered amount
 * @param pledgedForRatio pledged sum of the records with both amounts
 * @param deliveredForRatio delivered sum of the records with both amounts
 */
public record PairingTotal(String key, @Nullable String nameEn, @Nullable String nameZh, long records,
                           @Nullable Long fundsPledgedRmb, @Nullable Long fundsDeliveredRmb, long withFunds,
                           @Nullable Long pledgedForRatio, @Nullable Long deliveredForRatio,
                           @Nullable Long projects, @Nullable Long peopleHelped) {

    /** Delivered over pledged, as a fraction (1 = everything pledged was delivered); null when not computable. */
    public @Nullable BigDecimal deliveryRatio() {
        return PairingService.ratio(pledgedForRatio, deliveredForRatio);
    }
}
