package org.tuopin.base;

import org.jspecify.annotations.Nullable;

/**
 * Why a record entered by mistake is withdrawn: required, trimmed, at most {@link #MAX_LENGTH} characters. It goes
 * into the audit entry that keeps the withdrawn record's last values (docs/design-decisions/DD018).
 */
public final class WithdrawalReason {

    /** Long enough to name the duplicate or the right person; the audit trail's reason column holds 4000. */
    public static final int MAX_LENGTH = 1000;

    private WithdrawalReason() {
    }

    /** The reason, trimmed; a blank or too long one is refused with a message for the user. */
    public static String checked(@Nullable String reason) {
        String trimmed = reason == null ? "" : reason.strip();
        if (trimmed.isEmpty()) {
            throw new UserError("withdraw.error.reasonMissing");
        }
        if (trimmed.length() > MAX_LENGTH) {
            throw new UserError("withdraw.error.reasonTooLong", MAX_LENGTH);
        }
        return trimmed;
    }
}
