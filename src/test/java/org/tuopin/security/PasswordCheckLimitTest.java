package org.tuopin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.tuopin.TuopinTest;
import org.tuopin.audit.RefusalTally;

/**
 * A crowd signing in at once: password checks run a few at a time and the rest queue, so the cores stay free for
 * everyone else; a check that waited too long is refused as busy, which is neither a wrong password nor a step
 * towards a lockout. A flood of guesses from unknown addresses has a lane of its own with a short queue, and names
 * without an account cost no hashing (DD022).
 */
@TuopinTest
class PasswordCheckLimitTest {

    @Autowired
    PasswordEncoder applicationEncoder;
    @Autowired
    UserDetailsService users;
    @Autowired
    LoginAttempts attempts;
    @Autowired
    SecondFactorCheck secondFactor;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RefusalTally tally;

    /** A stand-in for bcrypt that counts how many checks run at the same moment. */
    static final class SlowCheck implements PasswordEncoder {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();

        @Override
        public String encode(@Nullable CharSequence raw) {
            return String.valueOf(raw);
        }

        @Override
        public boolean matches(@Nullable CharSequence raw, @Nullable String encoded) {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return String.valueOf(raw).equals(encoded);
        }
    }

    @Test
    void theApplicationLimitsItsPasswordChecks() {
        assertThat(applicationEncoder).isInstanceOf(PasswordCheckLimit.class);
        PasswordCheckLimit limit = (PasswordCheckLimit) applicationEncoder;
        int cores = Runtime.getRuntime().availableProcessors();
        // as many checks at once as cores: the hundredth sign-in of a crowd waits, it does not slow everyone down
        assertThat(limit.permits(PasswordCheckLimit.Lane.KNOWN).availablePermits()).isEqualTo(cores);
        // and a flood from unknown addresses gets one core fewer
        assertThat(limit.permits(PasswordCheckLimit.Lane.UNKNOWN).availablePermits()).isEqualTo(Math.max(1, cores - 1));
    }

    @Test
    void twentyChecksAtOnceRunTwoAtATimeAndAllAreAnswered() throws Exception {
        SlowCheck slow = new SlowCheck();
        PasswordCheckLimit limit = new PasswordCheckLimit(slow, 2, Duration.ofSeconds(30));
        CountDownLatch go = new CountDownLatch(1);
        var checks = new java.util.ArrayList<CompletableFuture<Boolean>>();
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                String password = "secret-" + (i % 2);
                checks.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return limit.matches(password, "secret-0");
                }, threads));
            }
            go.countDown();
            long right = 0;
            for (var check : checks) {
                right += check.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(right).isEqualTo(10);
        }
        assertThat(slow.most.get()).isEqualTo(2);
    }

    @Test
    void aCheckThatWaitsTooLongIsRefusedAsBusyAndCountsAsNoFailedAttempt() throws Exception {
        crowdMember();
        long trailBefore = jdbc.sql("select coalesce(max(seq), 0) from audit_entry").query(Long.class).single();
        PasswordCheckLimit limit = new PasswordCheckLimit(applicationEncoderWithoutLimit(), 1, Duration.ofMillis(300));
        var provider = provider(limit);

        // someone else's checks are running, in both lanes
        limit.permits(PasswordCheckLimit.Lane.KNOWN).acquire();
        limit.permits(PasswordCheckLimit.Lane.UNKNOWN).acquire();
        try {
            for (int i = 0; i < LoginAttempts.ACCOUNT_FAILURE_LIMIT + 1; i++) {
                assertThatThrownBy(() -> provider.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(
                        "crowd.member", DemoAccounts.PASSWORD))).isInstanceOf(SignInBusyException.class);
            }
        } finally {
            limit.permits(PasswordCheckLimit.Lane.KNOWN).release();
            limit.permits(PasswordCheckLimit.Lane.UNKNOWN).release();
        }
        assertThat(jdbc.sql("select failed_attempts from account where username = 'crowd.member'").query(Integer.class)
                .single()).isZero();
        // but each is in the audit trail, tallied, so that a flood answered "busy" stays visible to auditors
        tally.foldBefore(Instant.now().plus(Duration.ofMinutes(1)));
        int busyInTrail = 0;
        Pattern busy = Pattern.compile(Pattern.quote(LoginAttempts.BUSY) + " × (\\d+)");
        for (String reason : jdbc.sql("""
                        select reason from audit_entry where seq > :before and action = 'SIGN_IN_FAILED'
                        and entity_id = 'crowd.member'""").param("before", trailBefore).query(String.class).list()) {
            Matcher m = busy.matcher(reason);
            busyInTrail += m.find() ? Integer.parseInt(m.group(1)) : 0;
        }
        assertThat(busyInTrail).isEqualTo(LoginAttempts.ACCOUNT_FAILURE_LIMIT + 1);
        // once the check is free the same password signs in: the account was not locked by the busy refusals
        assertThat(provider.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("crowd.member",
                DemoAccounts.PASSWORD)).isAuthenticated()).isTrue();
    }

    /** An encoder whose checks wait until the test lets them finish. */
    static final class HeldCheck implements PasswordEncoder {
        final CountDownLatch finish = new CountDownLatch(1);
        final AtomicInteger checks = new AtomicInteger();

        @Override
        public String encode(@Nullable CharSequence raw) {
            return String.valueOf(raw);
        }

        @Override
        public boolean matches(@Nullable CharSequence raw, @Nullable String encoded) {
            checks.incrementAndGet();
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return String.valueOf(raw).equals(encoded);
        }
    }

    @Test
    void whenTheUnknownLaneIsFullTheNextGuessIsRefusedAtOnceAndKnownSignInsAreStillChecked() throws Exception {
        HeldCheck held = new HeldCheck();
        // 2 checks at once for known addresses, 1 for the others, with room for QUEUE_PER_PERMIT waiting
        PasswordCheckLimit limit = new PasswordCheckLimit(held, 2, Duration.ofSeconds(60));
        int queue = limit.unknownQueue();
        assertThat(queue).isEqualTo(PasswordCheckLimit.QUEUE_PER_PERMIT);
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var guesses = new java.util.ArrayList<CompletableFuture<Boolean>>();
            for (int i = 0; i <= queue; i++) { // one running, the others waiting
                guesses.add(CompletableFuture.supplyAsync(() -> limit.checkingIn(PasswordCheckLimit.Lane.UNKNOWN,
                        () -> limit.matches("guess", "secret")), threads));
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (limit.waiting(PasswordCheckLimit.Lane.UNKNOWN) < queue && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertThat(limit.waiting(PasswordCheckLimit.Lane.UNKNOWN)).isEqualTo(queue);

            // one more guess does not wait its 60 s: it hears "busy" while the others are still held
            var oneMore = CompletableFuture.supplyAsync(() -> limit.checkingIn(PasswordCheckLimit.Lane.UNKNOWN,
                    () -> limit.matches("guess", "secret")), threads);
            assertThatThrownBy(() -> oneMore.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(SignInBusyException.class);
            assertThat(guesses).noneMatch(CompletableFuture::isDone);

            // an office signing in from an address it knows is checked beside the flood, not behind it
            var office = CompletableFuture.supplyAsync(() -> limit.checkingIn(PasswordCheckLimit.Lane.KNOWN,
                    () -> limit.matches("secret", "secret")), threads);
            until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (held.checks.get() < 2 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertThat(held.checks.get()).as("the office's check runs while the guesses wait").isEqualTo(2);
            held.finish.countDown();
            assertThat(office.get(10, TimeUnit.SECONDS)).isTrue();
            for (var guess : guesses) {
                assertThat(guess.get(10, TimeUnit.SECONDS)).isFalse();
            }
        }
    }

    @Test
    void aNameAtAnAddressItSignedInFromBeforeIsCheckedWhileTheOthersAreBusy() throws Exception {
        crowdMember();
        String address = "192.0.2.44";
        PasswordCheckLimit limit = new PasswordCheckLimit(applicationEncoderWithoutLimit(), 2, Duration.ofMillis(300));
        var provider = provider(limit);
        limit.permits(PasswordCheckLimit.Lane.UNKNOWN).acquire(); // a flood takes every check of the unknown lane
        try {
            assertThatThrownBy(() -> provider.authenticate(from(address, "crowd.member", DemoAccounts.PASSWORD)))
                    .isInstanceOf(SignInBusyException.class);
            attempts.succeeded("crowd.member", address, false); // signed in from there once, before the flood
            assertThat(provider.authenticate(from(address, "crowd.member", DemoAccounts.PASSWORD)).isAuthenticated())
                    .isTrue();
        } finally {
            limit.permits(PasswordCheckLimit.Lane.UNKNOWN).release();
        }
    }

    @Test
    void aNameWithoutAnAccountIsRefusedLikeAWrongPasswordWithoutBeingHashed() {
        SlowCheck slow = new SlowCheck();
        AtomicInteger hashed = new AtomicInteger();
        PasswordEncoder counting = new PasswordEncoder() {
            @Override
            public String encode(@Nullable CharSequence raw) {
                return slow.encode(raw);
            }

            @Override
            public boolean matches(@Nullable CharSequence raw, @Nullable String encoded) {
                hashed.incrementAndGet();
                return slow.matches(raw, encoded);
            }
        };
        PasswordCheckLimit limit = new PasswordCheckLimit(counting, 2, Duration.ofSeconds(30));
        var provider = provider(limit);
        String address = "192.0.2.45";
        for (int i = 0; i < 3; i++) {
            int n = i;
            assertThatThrownBy(() -> provider.authenticate(from(address, "no.such.name." + n, "guess")))
                    .isInstanceOf(org.springframework.security.authentication.BadCredentialsException.class)
                    .hasMessage(ProtectedAuthenticationProvider.REFUSED);
        }
        // hashed once, to learn how long a check takes; the others waited as long without taking a core
        assertThat(hashed.get()).isEqualTo(1);
        // and each still counts as a failed attempt of that address
        assertThat(jdbc.sql("select failures from sign_in_client where client_address = :c").param("c", address)
                .query(Integer.class).single()).isEqualTo(3);
    }

    private void crowdMember() {
        String hash = jdbc.sql("select password_hash from account where username = 'admin'").query(String.class).single();
        jdbc.sql("""
                        insert into account(username, display_name, password_hash, role, region_id)
                        values ('crowd.member', 'crowd.member', :h, 'DATA_ENTRY', (select id from region where code = '513400'))
                        on conflict (username) do update set failed_attempts = 0, locked_until = null, password_hash = :h""")
                .param("h", hash).update();
    }

    private ProtectedAuthenticationProvider provider(PasswordCheckLimit limit) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(limit);
        return new ProtectedAuthenticationProvider(passwords, limit, attempts, secondFactor);
    }

    private static UsernamePasswordAuthenticationToken from(String address, String username, String password) {
        var token = UsernamePasswordAuthenticationToken.unauthenticated(username, password);
        token.setDetails(new org.springframework.security.web.authentication.WebAuthenticationDetails(address, null));
        return token;
    }

    private PasswordEncoder applicationEncoderWithoutLimit() {
        return new org.springframework.security.crypto.password.DelegatingPasswordEncoder("bcrypt",
                java.util.Map.of("bcrypt", new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(12)));
    }
}
