package org.tuopin.pairing;

import org.jspecify.annotations.Nullable;

/**
 * What a user narrowed the pairings to. Every field is optional; the caller's scope always applies on top.
 *
 * @param recipientCode a region: pairings received by it and by every region below it
 */
public record PairingFilter(@Nullable String recipientCode, @Nullable DonorType donorType, @Nullable Integer year) {

    public static PairingFilter none() {
        return new PairingFilter(null, null, null);
    }
}
