package org.tuopin.security;

import org.springframework.stereotype.Component;
import org.tuopin.access.Role;
import org.tuopin.audit.FieldLabels;

/**
 * How the audit view reads the entries of accounts, their API tokens (DD021) and the role policy (DD019). An
 * account's {@code role} and {@code region} are also how a field of these names reads in an entry whose record
 * type says nothing else.
 */
@Component
class AccountAuditLabels extends FieldLabels {

    AccountAuditLabels() {
        super(forRecords("account", "role_policy")
                .field("username", "accounts.username")
                .field("displayName", "accounts.displayName")
                .code("role", "accounts.role", s -> "role." + Role.valueOf(s).name())
                .field("region", "column.region")
                .flag("enabled", "export.header.enabled")
                .count("failedAttempts", "export.header.failed_attempts")
                .field("lockedUntil", "export.header.locked_until")
                .flag("mustChangePassword", "accounts.mustChange")
                .count("sessions", "audit.field.sessions")
                .field("locale", "audit.field.locale")
                .flag("totp", "export.header.totp_enabled")
                .flag("totpRequired", "audit.field.totpRequired")
                .field("apiToken", "audit.field.apiToken")
                .field("tokenExpiresAt", "audit.field.tokenExpiresAt"));
    }
}
