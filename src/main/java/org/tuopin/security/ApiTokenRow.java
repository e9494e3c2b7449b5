package org.tuopin.security;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A personal API token as its owner and administrators see it: never its secret. */
public record ApiTokenRow(long id, String name, String hint, Instant createdAt, Instant expiresAt,
                          @Nullable Instant revokedAt, @Nullable String revokedBy,
                          @Nullable Instant lastUsedAt, @Nullable String lastUsedFrom) {

    public enum Status { ACTIVE, EXPIRED, REVOKED }

    public Status status(Instant now) {
        if (revokedAt != null) {
            return Status.REVOKED;
        }
        return expiresAt.isAfter(now) ? Status.ACTIVE : Status.EXPIRED;
    }
}
