package org.tuopin.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.tuopin.audit.AuditAction;
import org.tuopin.audit.AuditTrail;
import org.tuopin.audit.FieldChange;
import org.tuopin.audit.RefusalTally;
import org.tuopin.base.AfterConnectionRelease;

/**
 * The memory of failed sign-ins, keyed by account and by client address (docs/design-decisions/DD022), in the
 * database so that every instance sees the same counts:
 * <ul>
 * <li>{@value #ACCOUNT_FAILURE_LIMIT} failures in a row of one user name from one address lock that name for that
 * address for {@link #LOCK_DURATION}; other addresses are not affected.</li>
 * <li>{@value #ACCOUNT_WIDE_LIMIT} failures of one account within {@link #ACCOUNT_WINDOW}, from any addresses,
 * lock the account for {@link #LOCK_DURATION} for every address it has never signed in from.</li>
 * <li>{@value #CLIENT_FAILURE_LIMIT} failures from one address within {@link #CLIENT_WINDOW}, whatever names were
 * tried, throttle that address: its attempts are refused unchecked, except those of accounts that have signed in
 * from it before.</li>
 * </ul>
 * Refusals are counted in the audit trail per account, address and minute ({@link RefusalTally}); lockouts and
 * successful sign-ins are chain entries of their own.
 */
@Component
public class LoginAttempts {

    /** Failures in a row of one user name from one client address that lock the name for that address. */
    public static final int ACCOUNT_FAILURE_LIMIT = 5;
    public static final Duration LOCK_DURATION = Duration.ofMinutes(15);
    /** Failures of one account from all addresses together that lock it for addresses it has not signed in from. */
    public static final int ACCOUNT_WIDE_LIMIT = 50;
    public static final Duration ACCOUNT_WINDOW = Duration.ofHours(1);
    public static final int CLIENT_FAILURE_LIMIT = 20;
    public static final Duration CLIENT_WINDOW = Duration.ofMinutes(10);
    /** How long an address an account signed in from stays known to it. */
    public static final Duration KNOWN_ADDRESS_KEPT = Duration.ofDays(90);

    /** The reasons of refusals that were not checked, as the audit entries give them. */
    static final String LOCKED_HERE = "locked for this address";
    static final String LOCKED_ACCOUNT = "account locked for unknown addresses";
    static final String THROTTLED_CLIENT = "too many failed sign-ins from this address";
    static final String BUSY = "not checked: the server was busy";

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final RefusalTally tally;
    private final Clock clock;

    @Autowired
    LoginAttempts(JdbcClient jdbc, AuditTrail audit, RefusalTally tally) {
        this(jdbc, audit, tally, Clock.systemUTC());
    }

    LoginAttempts(JdbcClient jdbc, AuditTrail audit, RefusalTally tally, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.tally = tally;
        this.clock = clock;
    }

    /**
     * What is known of an attempt before its password is checked: why it is to be refused unchecked (empty when it
     * may be checked), whether the name has signed in from this address before (its check then waits in the known
     * lane, {@link PasswordCheckLimit.Lane}), and whether an account of that name exists at all.
     */
    public record Verdict(Optional<String> refusal, boolean knownAddress, boolean accountExists) {
    }

    /**
     * Why an attempt of this user name from this address is to be refused without checking its password, or empty
     * when it may be checked. One indexed read; it writes nothing.
     */
    public Optional<String> refusal(String username, String client) {
        return verdict(username, client).refusal();
    }

    /** {@link #refusal}, with what the password check needs to know of the name and the address. One read. */
    public Verdict verdict(String username, String client) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("""
                        select (select locked_until > :now from sign_in_failure
                                 where username = :u and client_address = :c),
                               (select locked_until > :now from account where username = :u),
                               exists(select 1 from sign_in_known_address
                                       where username = :u and client_address = :c and last_success > :known),
                               (select failures from sign_in_client
                                 where client_address = :c and window_start > :window),
                               exists(select 1 from account where username = :u)""")
                .param("now", now).param("u", username).param("c", client)
                .param("known", Timestamp.from(clock.instant().minus(KNOWN_ADDRESS_KEPT)))
                .param("window", Timestamp.from(clock.instant().minus(CLIENT_WINDOW)))
                .query((rs, n) -> {
                    boolean known = rs.getBoolean(3);
                    int clientFailures = rs.getInt(4);
                    boolean exists = rs.getBoolean(5);
                    Optional<String> refusal = Optional.empty();
                    if (rs.getBoolean(1)) {
                        refusal = Optional.of(LOCKED_HERE);
                    } else if (!known && rs.getBoolean(2)) {
                        refusal = Optional.of(LOCKED_ACCOUNT);
                    } else if (!known && clientFailures >= CLIENT_FAILURE_LIMIT) {
                        refusal = Optional.of(THROTTLED_CLIENT);
                    }
                    return new Verdict(refusal, known, exists);
                }).single();
    }

    /** True when this client address has failed too often lately (whatever accounts it tried). */
    public boolean clientBlocked(String client) {
        return jdbc.sql("select failures from sign_in_client where client_address = :c and window_start > :window")
                .param("c", client).param("window", Timestamp.from(clock.instant().minus(CLIENT_WINDOW)))
                .query(Integer.class).optional().map(f -> f >= CLIENT_FAILURE_LIMIT).orElse(false);
    }

    /** An attempt refused without being checked (see {@link #refusal}): counted in the audit tally, nothing else. */
    public void refused(String username, String client, String why) {
        AfterConnectionRelease.run(() -> tally.count(new AuditTrail.Actor(username, null), AuditAction.SIGN_IN_FAILED,
                "account", username, null, client, why));
    }

    /**
     * Records a failed attempt (a wrong password, a wrong one-time code, a wrong current password): counted for the
     * user name at this address, for the account across all addresses, for the address across all names, and in the
     * audit tally. Written outside the caller's transaction, so that its rollback does not undo the count.
     */
    public void failed(String username, String client, String why) {
        AfterConnectionRelease.run(() -> count(username, client, why));
    }

    private void count(String username, String client, String why) {
        Instant now = clock.instant();
        String name = username.length() > 64 ? username.substring(0, 64) : username;
        String address = client.length() > 64 ? client.substring(0, 64) : client;
        countForClient(address, now);
        Optional<Object[]> account = countForAccount(name, now);
        String role = account.map(a -> (String) a[0]).orElse(null);
        Long regionId = account.map(a -> (Long) a[1]).orElse(null);
        tally.count(new AuditTrail.Actor(name, role), AuditAction.SIGN_IN_FAILED, "account", name, regionId, address, why);
        countForNameAtAddress(name, address, role, regionId, now);
    }

    private void countForClient(String client, Instant now) {
        jdbc.sql("""
                        insert into sign_in_client(client_address, window_start, failures) values (:c, :now, 1)
                        on conflict (client_address) do update set
                            failures = case when sign_in_client.window_start <= :window then 1
                                            else sign_in_client.failures + 1 end,
                            window_start = case when sign_in_client.window_start <= :window then :now
                                                else sign_in_client.window_start end""")
                .param("c", client).param("now", Timestamp.from(now))
                .param("window", Timestamp.from(now.minus(CLIENT_WINDOW))).update();
    }

    /** The account-wide count; returns the account's role and region when it exists. */
    private Optional<Object[]> countForAccount(String username, Instant now) {
        Timestamp at = Timestamp.from(now);
        var counted = jdbc.sql("""
                        update account set
                            failed_attempts = case when locked_until > :now then failed_attempts
                                                   when failures_since is null or failures_since <= :window then 1
                                                   else failed_attempts + 1 end,
                            failures_since = case when locked_until > :now then failures_since
                                                  when failures_since is null or failures_since <= :window then :now
                                                  else failures_since end
                        where username = :u
                        returning role, region_id, failed_attempts, coalesce(locked_until > :now, false)""")
                .param("u", username).param("now", at).param("window", Timestamp.from(now.minus(ACCOUNT_WINDOW)))
                .query((rs, n) -> new Object[]{rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getBoolean(4)})
                .optional();
        if (counted.isPresent() && !(boolean) counted.get()[3] && (int) counted.get()[2] >= ACCOUNT_WIDE_LIMIT) {
            Instant until = now.plus(LOCK_DURATION);
            // only one instance, and one thread, wins the lock and writes its entry
            int locked = jdbc.sql("""
                            update account set failed_attempts = 0, failures_since = null, locked_until = :until
                            where username = :u and failed_attempts >= :limit and not coalesce(locked_until > :now, false)""")
                    .param("until", Timestamp.from(until)).param("u", username).param("limit", ACCOUNT_WIDE_LIMIT)
                    .param("now", at).update();
            if (locked == 1) {
                audit.record(new AuditTrail.Event(new AuditTrail.Actor(username, (String) counted.get()[0]),
                        AuditAction.LOCKED_OUT, "account", username, (Long) counted.get()[1],
                        List.of(FieldChange.of("lockedUntil", null, until)),
                        ACCOUNT_WIDE_LIMIT + " failed sign-ins within " + ACCOUNT_WINDOW.toMinutes()
                                + " minutes from any address: locked for addresses it has not signed in from"));
            }
        }
        return counted.map(a -> new Object[]{a[0], a[1]});
    }

    private void countForNameAtAddress(String username, String client, @Nullable String role, @Nullable Long regionId,
                                       Instant now) {
        Timestamp at = Timestamp.from(now);
        int failures = jdbc.sql("""
                        insert into sign_in_failure(username, client_address, failures, last_failure)
                        values (:u, :c, 1, :now)
                        on conflict (username, client_address) do update set
                            failures = case when sign_in_failure.locked_until > :now then sign_in_failure.failures
                                            else sign_in_failure.failures + 1 end,
                            last_failure = :now
                        returning case when locked_until > :now then 0 else failures end""")
                .param("u", username).param("c", client).param("now", at).query(Integer.class).single();
        if (failures < ACCOUNT_FAILURE_LIMIT) {
            return;
        }
        Instant until = now.plus(LOCK_DURATION);
        int locked = jdbc.sql("""
                        update sign_in_failure set failures = 0, locked_until = :until
                        where username = :u and client_address = :c and failures >= :limit""")
                .param("until", Timestamp.from(until)).param("u", username).param("c", client)
                .param("limit", ACCOUNT_FAILURE_LIMIT).update();
        if (locked == 1 && role != null) {
            // an entry of its own (one per name and address per quarter of an hour at most); unknown names get none
            audit.record(new AuditTrail.Event(new AuditTrail.Actor(username, role), AuditAction.LOCKED_OUT, "account",
                    username, regionId, List.of(FieldChange.of("lockedUntil", null, until)),
                    ACCOUNT_FAILURE_LIMIT + " failed sign-ins in a row from " + client + ": locked for that address"));
        }
    }

    /** A successful sign-in from the current request's address; see {@link #succeeded(String, String, boolean)}. */
    @Transactional
    public void succeeded(String username, boolean interactive) {
        succeeded(username, currentClient(), interactive);
    }

    /**
     * A successful sign-in ends the run of failures of this name at this address, and makes the address known to the
     * account: from then on neither the account-wide lock nor a throttled address refuses it unchecked.
     */
    @Transactional
    public void succeeded(String username, String client, boolean interactive) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("delete from sign_in_failure where username = :u and client_address = :c and locked_until is null")
                .param("u", username).param("c", client).update();
        jdbc.sql("""
                        insert into sign_in_known_address(username, client_address, last_success) values (:u, :c, :now)
                        on conflict (username, client_address) do update set last_success = :now""")
                .param("u", username).param("c", client).param("now", now).update();
        if (interactive) {
            var account = jdbc.sql("select role, region_id from account where username = :u").param("u", username)
                    .query((rs, n) -> new Object[]{rs.getString(1), rs.getLong(2)}).single();
            audit.record(new AuditTrail.Event(new AuditTrail.Actor(username, (String) account[0]), AuditAction.SIGN_IN,
                    "account", username, (Long) account[1], List.of(), null));
        }
    }

    /** An administrator's unlock also lifts the locks of the account at single addresses. */
    @Transactional
    public void unlocked(String username) {
        jdbc.sql("delete from sign_in_failure where username = :u").param("u", username).update();
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
                        (Long) account[1], List.of(), null)));
    }

    /** Forgets the stale rows: expired locks, old windows, addresses not used for {@link #KNOWN_ADDRESS_KEPT}. */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelay = 600_000, initialDelay = 600_000)
    public void forgetStale() {
        Instant now = clock.instant();
        jdbc.sql("""
                        delete from sign_in_failure
                        where last_failure < :day and (locked_until is null or locked_until < :now)""")
                .param("day", Timestamp.from(now.minus(Duration.ofDays(1)))).param("now", Timestamp.from(now)).update();
        jdbc.sql("delete from sign_in_client where window_start < :window")
                .param("window", Timestamp.from(now.minus(CLIENT_WINDOW))).update();
        jdbc.sql("delete from sign_in_known_address where last_success < :kept")
                .param("kept", Timestamp.from(now.minus(KNOWN_ADDRESS_KEPT))).update();
    }

    /** Forgets every address's failures and every lock at single addresses (tests, and relief after an incident). */
    void forgetClients() {
        jdbc.sql("delete from sign_in_client").update();
        jdbc.sql("delete from sign_in_failure").update();
    }

    private static String currentClient() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getRequest().getRemoteAddr() != null ? attributes.getRequest().getRemoteAddr() : "unknown";
    }
}
