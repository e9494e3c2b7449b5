package org.tuopin.security;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.tuopin.access.Role;

/** An account as the administration grid shows it. */
public record AccountRow(long id, String username, String displayName, Role role, String regionCode,
                         String regionNameEn, String regionNameZh, boolean enabled, @Nullable Instant lockedUntil,
                         int failedAttempts, boolean mustChangePassword, boolean totpEnabled, long version) {

    public boolean locked(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
