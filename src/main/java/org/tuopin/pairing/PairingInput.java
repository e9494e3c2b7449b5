package org.tuopin.pairing;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * What a local office fills in for one pairing and year. Money is whole RMB; an empty amount is "not known",
 * never zero.
 */
public record PairingInput(@Nullable String donor, @Nullable DonorType donorType, @Nullable String recipientCode,
                           @Nullable Integer year, @Nullable BigDecimal fundsPledgedRmb,
                           @Nullable BigDecimal fundsDeliveredRmb, @Nullable Integer projects,
                           @Nullable Long peopleHelped, @Nullable String source, @Nullable String note) {
}
