package org.tuopin.security;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.tuopin.audit.AuditAction;
import org.tuopin.audit.AuditTrail;
import org.tuopin.audit.FieldChange;

/**
 * The memory of one-time codes (docs/design-decisions/DD021): at most {@value #CODE_FAILURE_LIMIT} wrong codes per
 * account within {@link #CODE_WINDOW}, then the account is locked as after wrong passwords; and a code's time step
 * is accepted once only. Both live in the database, so they hold across instances: the failures as rows (never more
 * than five per account), the last accepted step in {@code account.last_totp_step}, moved by a conditional update.
 */
@Component
public class SecondFactorAttempts {

    public static final int CODE_FAILURE_LIMIT = 5;
    public static final Duration CODE_WINDOW = Duration.ofMinutes(15);
    static final String LOCK_REASON = CODE_FAILURE_LIMIT + " wrong one-time codes";

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final LoginAttempts signIns;

    SecondFactorAttempts(JdbcClient jdbc, AuditTrail audit, LoginAttempts signIns) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.signIns = signIns;
    }

    /**
     * Accepts the code's time step if it is later than the last one accepted for the account. One statement decides,
     * so two requests (or two instances) given the same code cannot both be let in.
     */
    @Transactional
    public boolean accept(long accountId, long step) {
        return jdbc.sql("""
                        update account set last_totp_step = :step
                        where id = :id and (last_totp_step is null or last_totp_step < :step)""")
                .param("step", step).param("id", accountId).update() == 1;
    }

    /**
     * Counts a wrong (or replayed) code and records it in the audit trail; the fifth within the window locks the
     * account for {@link LoginAttempts#LOCK_DURATION}. Returns the end of the lock when the account is (now) locked.
     */
    @Transactional
    public Optional<Instant> wrongCode(String username, String client) {
        Instant now = Instant.now();
        var account = jdbc.sql("select id, role, region_id, locked_until from account where username = :u for update")
                .param("u", username)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getLong(3),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
                .optional();
        if (account.isEmpty()) {
            return Optional.empty();
        }
        Row a = account.get();
        if (a.lockedUntil() != null && a.lockedUntil().isAfter(now)) {
            refusedWhileLocked(username, client);
            return Optional.of(a.lockedUntil());
        }
        jdbc.sql("delete from second_factor_failure where account_id = :id and failed_at <= :horizon")
                .param("id", a.id()).param("horizon", Timestamp.from(now.minus(CODE_WINDOW))).update();
        jdbc.sql("insert into second_factor_failure(account_id, failed_at) values (:id, :at)")
                .param("id", a.id()).param("at", Timestamp.from(now)).update();
        int failures = jdbc.sql("select count(*) from second_factor_failure where account_id = :id")
                .param("id", a.id()).query(Integer.class).single();
        AuditTrail.Actor actor = new AuditTrail.Actor(username, a.role());
        audit.record(new AuditTrail.Event(actor, AuditAction.SIGN_IN_FAILED, "account", username, a.regionId(),
                List.of(), "wrong one-time code (" + failures + " of " + CODE_FAILURE_LIMIT + ")"));
        if (failures < CODE_FAILURE_LIMIT) {
            return Optional.empty();
        }
        Instant until = now.plus(LoginAttempts.LOCK_DURATION);
        jdbc.sql("update account set locked_until = :until where id = :id")
                .param("until", Timestamp.from(until)).param("id", a.id()).update();
        jdbc.sql("delete from second_factor_failure where account_id = :id").param("id", a.id()).update();
        audit.record(new AuditTrail.Event(actor, AuditAction.LOCKED_OUT, "account", username, a.regionId(),
                List.of(FieldChange.of("lockedUntil", a.lockedUntil(), until)), LOCK_REASON));
        return Optional.of(until);
    }

    /**
     * A code sent while the account is locked: refused without being checked, and not counted (the lock is not
     * extended). Kept out of the audit trail one by one, since an attacker may send thousands: tallied instead, one
     * entry per account, address and minute with the count.
     */
    public void refusedWhileLocked(String username, String client) {
        // tallied per account, address and minute, without the chain's lock (audit/RefusalTally, DD022)
        signIns.refused(username, client, "one-time code while locked");
    }

    /** The address of the current request's client, as the audit trail records it. */
    static String clientAddress() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest().getRemoteAddr() : "unknown";
    }

    private record Row(long id, String role, long regionId, Instant lockedUntil) {
    }
}
