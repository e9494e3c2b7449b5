package org.tuopin.audit;

/** What happened. Stored by name; the audit view translates it. */
public enum AuditAction {
    CREATE, UPDATE, DELETE,
    SUBMIT, RETURN, APPROVE,
    SIGN_IN, SIGN_IN_FAILED, LOCKED_OUT, SIGN_OUT,
    PASSWORD_CHANGED, PASSWORD_RESET, ACCOUNT_DISABLED, ACCOUNT_ENABLED, ACCOUNT_UNLOCKED, SESSIONS_ENDED,
    TOTP_ENABLED, TOTP_DISABLED,
    EXPORT, IMPORT,
    /** A save refused because someone else had changed the record meanwhile (a stale version). */
    STALE_REFUSED,
    /** A comment added to a report's conversation. */
    COMMENT,
    /** Personal API tokens (security/ApiTokenService, DD021): created, revoked, and each request made with one. */
    API_TOKEN_CREATED, API_TOKEN_REVOKED, API_TOKEN_USED,
    /** An export began (issue 18): its end is an EXPORT with the row count, or an EXPORT_ABORTED. */
    EXPORT_STARTED, EXPORT_ABORTED
}
