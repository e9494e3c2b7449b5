package org.tuopin.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tuopin.access.CurrentScope;
import org.tuopin.access.Scope;
import org.tuopin.access.ScopeSql;
import org.tuopin.audit.AuditAction;
import org.tuopin.audit.AuditTrail;
import org.tuopin.audit.FieldChange;
import org.tuopin.base.NotFoundException;
import org.tuopin.base.ReadFromPrimary;
import org.tuopin.base.UserError;

/**
 * Personal API tokens (docs/design-decisions/DD021): what scripts use instead of a password, since an account with a
 * second factor never reaches data with its password alone. The owner creates them in the UI with a name and an
 * expiry, sees the secret once, and can revoke them; an administrator sees and revokes those of the accounts in their
 * scope. Only the SHA-256 of a 256-bit random secret is stored. Creation, revocation and every use are audited.
 */
@Service
@Transactional
public class ApiTokenService {

    /** The secret's recognisable start, so that secret scanners (and people) know a leaked token when they see one. */
    public static final String PREFIX = "tuopin_pat_";
    public static final int MAX_DAYS = 365;
    public static final int MAX_ACTIVE_PER_ACCOUNT = 20;
    static final int NAME_MAX = 80;

    /** A token just created: the secret is in this object only, never stored and never shown again. */
    public record Created(String secret, ApiTokenRow token) {
    }

    /** What a request's token resolved to. */
    sealed interface Check {
        record Valid(long tokenId, String username, String hint) implements Check {
        }

        /** Unknown, expired, revoked, or its account is disabled or locked. */
        record Invalid() implements Check {
        }

        /** The account's role requires a second factor that it has not set up yet. */
        record SetUpSecondFactorFirst() implements Check {
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ROWS = """
            select id, name, hint, created_at, expires_at, revoked_at, revoked_by, last_used_at, last_used_from
            from api_token""";

    private final JdbcClient jdbc;
    private final CurrentScope currentScope;
    private final SecondFactorCheck secondFactor;
    private final AuditTrail audit;

    ApiTokenService(JdbcClient jdbc, CurrentScope currentScope, SecondFactorCheck secondFactor, AuditTrail audit) {
        this.jdbc = jdbc;
        this.currentScope = currentScope;
        this.secondFactor = secondFactor;
        this.audit = audit;
    }

    /** Creates a token for the signed-in account; refused while its role requires a second factor not set up. */
    @PreAuthorize("isAuthenticated()")
    public Created create(@Nullable String name, int days) {
        Scope owner = currentScope.require();
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > NAME_MAX) {
            throw new UserError("tokens.error.name", NAME_MAX);
        }
        if (days < 1 || days > MAX_DAYS) {
            throw new UserError("tokens.error.expiry", MAX_DAYS);
        }
        if (secondFactor.passwordAlone(owner.username()) == SecondFactorCheck.PasswordAlone.TOTP_SETUP_REQUIRED) {
            throw new UserError("tokens.error.totpFirst");
        }
        // the account row is the lock that keeps two creations from both passing the count
        jdbc.sql("select id from account where id = :id for update").param("id", owner.accountId()).query(Long.class)
                .single();
        int active = jdbc.sql("""
                        select count(*) from api_token
                        where account_id = :a and revoked_at is null and expires_at > now()""")
                .param("a", owner.accountId()).query(Integer.class).single();
        if (active >= MAX_ACTIVE_PER_ACCOUNT) {
            throw new UserError("tokens.error.tooMany", MAX_ACTIVE_PER_ACCOUNT);
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String hint = secret.substring(0, PREFIX.length() + 4) + "…";
        Instant now = Instant.now();
        Instant expires = now.plus(Duration.ofDays(days));
        long id = jdbc.sql("""
                        insert into api_token(account_id, name, token_hash, hint, created_at, expires_at)
                        values (:a, :n, :h, :hint, :c, :e) returning id""")
                .param("a", owner.accountId()).param("n", trimmed).param("h", sha256(secret)).param("hint", hint)
                .param("c", Timestamp.from(now)).param("e", Timestamp.from(expires)).query(Long.class).single();
        audit.record(new AuditTrail.Event(actor(owner), AuditAction.API_TOKEN_CREATED, "account", owner.username(),
                owner.regionId(), List.of(FieldChange.of("apiToken", null, label(trimmed, hint)),
                FieldChange.of("tokenExpiresAt", null, expires)), null));
        return new Created(secret, row(id));
    }

    /** The signed-in account's own tokens, newest first, revoked and expired ones included. */
    @PreAuthorize("isAuthenticated()")
    @ReadFromPrimary
    public List<ApiTokenRow> own() {
        return rowsOf(currentScope.require().accountId());
    }

    @PreAuthorize("isAuthenticated()")
    public void revokeOwn(long tokenId) {
        Scope owner = currentScope.require();
        revoke(owner, owner.accountId(), owner.username(), owner.regionId(), tokenId);
    }

    /** The tokens of an account in the administrator's scope; outside it the account does not exist. */
    @PreAuthorize("hasRole('ADMIN')")
    @ReadFromPrimary
    public List<ApiTokenRow> ofAccount(long accountId) {
        accountInScope(currentScope.require(), accountId);
        return rowsOf(accountId);
    }

    @PreAuthorize("hasRole('ADMIN')")
    public void revokeAsAdministrator(long accountId, long tokenId) {
        Scope admin = currentScope.require();
        Owner owner = accountInScope(admin, accountId);
        revoke(admin, accountId, owner.username(), owner.regionId(), tokenId);
    }

    /** Resolves the secret of a request's {@code Authorization: Bearer} header. */
    @ReadFromPrimary
    Check check(String secret) {
        if (!secret.startsWith(PREFIX) || secret.length() > 200) {
            return new Check.Invalid();
        }
        return jdbc.sql("""
                        select t.id, a.username, t.hint from api_token t join account a on a.id = t.account_id
                        where t.token_hash = :h and t.revoked_at is null and t.expires_at > now()
                          and a.enabled and (a.locked_until is null or a.locked_until <= now())""")
                .param("h", sha256(secret))
                .query((rs, n) -> new Check.Valid(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .optional()
                .<Check>map(valid -> secondFactor.passwordAlone(valid.username())
                        == SecondFactorCheck.PasswordAlone.TOTP_SETUP_REQUIRED ? new Check.SetUpSecondFactorFirst() : valid)
                .orElse(new Check.Invalid());
    }

    /** One request made with the token: its last use, and an audit entry as the account. */
    void recordUse(Check.Valid token, String method, String path, String client) {
        jdbc.sql("update api_token set last_used_at = now(), last_used_from = :c where id = :id")
                .param("c", client.length() > 64 ? client.substring(0, 64) : client).param("id", token.tokenId())
                .update();
        var account = jdbc.sql("select role, region_id from account where username = :u").param("u", token.username())
                .query((rs, n) -> new Owner(rs.getString(1), token.username(), rs.getLong(2))).single();
        String request = method + " " + (path.length() > 500 ? path.substring(0, 500) + "…" : path);
        audit.record(new AuditTrail.Event(new AuditTrail.Actor(token.username(), account.role()),
                AuditAction.API_TOKEN_USED, "account", token.username(), account.regionId(), List.of(),
                "token " + token.hint() + ": " + request));
    }

    /**
     * Revokes every live token of an account, one audit entry each with the reason: a password reset ends them like
     * it ends the account's sessions, since whoever had the old password may have made one. Called inside the
     * reset's transaction, by an administrator already checked to reach the account.
     */
    int revokeAllOf(Scope actor, long accountId, String ownerName, long ownerRegion, String reason) {
        List<String> revoked = jdbc.sql("""
                        update api_token set revoked_at = now(), revoked_by = :by
                        where account_id = :a and revoked_at is null and expires_at > now()
                        returning name, hint""")
                .param("by", actor.username()).param("a", accountId)
                .query((rs, n) -> label(rs.getString(1), rs.getString(2))).list();
        for (String token : revoked) {
            audit.record(new AuditTrail.Event(actor(actor), AuditAction.API_TOKEN_REVOKED, "account", ownerName,
                    ownerRegion, List.of(FieldChange.of("apiToken", token, null)), reason));
        }
        return revoked.size();
    }

    private void revoke(Scope actor, long accountId, String ownerName, long ownerRegion, long tokenId) {
        var token = jdbc.sql("select name, hint from api_token where id = :id and account_id = :a and revoked_at is null")
                .param("id", tokenId).param("a", accountId)
                .query((rs, n) -> label(rs.getString(1), rs.getString(2))).optional()
                .orElseThrow(() -> new NotFoundException("API token " + tokenId));
        jdbc.sql("update api_token set revoked_at = now(), revoked_by = :by where id = :id and revoked_at is null")
                .param("by", actor.username()).param("id", tokenId).update();
        audit.record(new AuditTrail.Event(actor(actor), AuditAction.API_TOKEN_REVOKED, "account", ownerName,
                ownerRegion, List.of(FieldChange.of("apiToken", token, null)), null));
    }

    private record Owner(String role, String username, long regionId) {
    }

    private Owner accountInScope(Scope admin, long accountId) {
        return jdbc.sql("""
                        select a.role, a.username, a.region_id from account a join region r on r.id = a.region_id
                        where a.id = :id and r.path like :scope""")
                .param("id", accountId).param("scope", ScopeSql.param(admin))
                .query((rs, n) -> new Owner(rs.getString(1), rs.getString(2), rs.getLong(3))).optional()
                .orElseThrow(() -> new NotFoundException("Account " + accountId));
    }

    private List<ApiTokenRow> rowsOf(long accountId) {
        return jdbc.sql(ROWS + " where account_id = :a order by created_at desc, id desc").param("a", accountId)
                .query(ApiTokenService::map).list();
    }

    private ApiTokenRow row(long id) {
        return jdbc.sql(ROWS + " where id = :id").param("id", id).query(ApiTokenService::map).single();
    }

    private static ApiTokenRow map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new ApiTokenRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                rs.getTimestamp(5).toInstant(), instant(rs.getTimestamp(6)), rs.getString(7), instant(rs.getTimestamp(8)),
                rs.getString(9));
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String label(String name, String hint) {
        return name + " (" + hint + ")";
    }

    private static AuditTrail.Actor actor(Scope scope) {
        return new AuditTrail.Actor(scope.username(), scope.role().name());
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
