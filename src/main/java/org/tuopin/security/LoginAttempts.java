package org.tuopin.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.tuopin.audit.AuditAction;
import org.tuopin.audit.AuditTrail;
import org.tuopin.audit.FieldChange;

/**
 * The memory of failed sign-ins. Per account: five failures in a row lock it for fifteen minutes. Per
 * client address: {@value #CLIENT_FAILURE_LIMIT} failures within {@link #CLIENT_WINDOW} refuse every
 * further attempt from it until the window has passed, whichever accounts it tries.
 */
@Component
public class LoginAttempts {

    public static final int ACCOUNT_FAILURE_LIMIT = 5;
    public static final Duration LOCK_DURATION = Duration.ofMinutes(15);
    public static final int CLIENT_FAILURE_LIMIT = 20;
    public static final Duration CLIENT_WINDOW = Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failuresByClient = new ConcurrentHashMap<>();

    @Autowired
    LoginAttempts(JdbcClient jdbc, AuditTrail audit) {
        this(jdbc, audit, Clock.systemUTC());
    }

    LoginAttempts(JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** True when this client address has failed too often lately; its attempts are refused unchecked. */
    public boolean clientBlocked(String client) {
        Deque<Instant> failures = failuresByClient.get(client);
        if (failures == null) {
            return false;
        }
        synchronized (failures) {
            prune(failures);
            return failures.size() >= CLIENT_FAILURE_LIMIT;
        }
    }

    /** Records a failed attempt: counts it for the client and, when the account exists, for the account. */
    @Transactional
    public void failed(String username, String client, String why) {
        Deque<Instant> failures = failuresByClient.computeIfAbsent(client, c -> new ArrayDeque<>());
        synchronized (failures) {
            prune(failures);
            failures.addLast(clock.instant());
        }
        var account = jdbc.sql("""
                        select id, role, region_id, failed_attempts, locked_until from account where username = :u
                        for update""")
                .param("u", username)
                .query((rs, n) -> new Object[]{rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getInt(4),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()})
                .optional();
        Long regionId = account.map(a -> (Long) a[2]).orElse(null);
        String role = account.map(a -> (String) a[1]).orElse(null);
        audit.record(new AuditTrail.Event(new AuditTrail.Actor(username, role), AuditAction.SIGN_IN_FAILED, "account",
                username, regionId, java.util.List.of(), why));
        if (account.isEmpty()) {
            return;
        }
        Instant lockedUntil = (Instant) account.get()[4];
        if (lockedUntil != null && lockedUntil.isAfter(clock.instant())) {
            return; // already locked: attempts while locked neither count nor extend the lock
        }
        int attempts = (int) account.get()[3] + 1;
        if (attempts >= ACCOUNT_FAILURE_LIMIT) {
            Instant until = clock.instant().plus(LOCK_DURATION);
            jdbc.sql("update account set failed_attempts = 0, locked_until = :until where username = :u")
                    .param("until", java.sql.Timestamp.from(until)).param("u", username).update();
            audit.record(new AuditTrail.Event(new AuditTrail.Actor(username, role), AuditAction.LOCKED_OUT, "account",
                    username, regionId, java.util.List.of(FieldChange.of("lockedUntil", lockedUntil, until)),
                    ACCOUNT_FAILURE_LIMIT + " failed sign-ins in a row"));
        } else {
            jdbc.sql("update account set failed_attempts = :n where username = :u")
                    .param("n", attempts).param("u", username).update();
        }
    }

    /** A successful sign-in ends the run of failures. */
    @Transactional
    public void succeeded(String username, boolean interactive) {
        jdbc.sql("update account set failed_attempts = 0 where username = :u and failed_attempts > 0")
                .param("u", username).update();
        if (interactive) {
            var account = jdbc.sql("select role, region_id from account where username = :u").param("u", username)
                    .query((rs, n) -> new Object[]{rs.getString(1), rs.getLong(2)}).single();
            audit.record(new AuditTrail.Event(new AuditTrail.Actor(username, (String) account[0]), AuditAction.SIGN_IN,
                    "account", username, (Long) account[1], java.util.List.of(), null));
        }
    }

    /** A sign-out from the UI (Spring Security's logout handlers publish the event) goes into the audit trail. */
    @EventListener
    @Transactional
    public void signedOut(LogoutSuccessEvent event) {
        String username = event.getAuthentication().getName();
        jdbc.sql("select role, region_id from account where username = :u").param("u", username)
                .query((rs, n) -> new Object[]{rs.getString(1), rs.getLong(2)}).optional()
                .ifPresent(account -> audit.record(new AuditTrail.Event(
                        new AuditTrail.Actor(username, (String) account[0]), AuditAction.SIGN_OUT, "account", username,
                        (Long) account[1], java.util.List.of(), null)));
    }

    private void prune(Deque<Instant> failures) {
        Instant horizon = clock.instant().minus(CLIENT_WINDOW);
        while (!failures.isEmpty() && failures.peekFirst().isBefore(horizon)) {
            failures.removeFirst();
        }
    }

    /** Forgets every client's failures (tests, and an administrator's relief after an incident). */
    void forgetClients() {
        failuresByClient.clear();
    }
}
