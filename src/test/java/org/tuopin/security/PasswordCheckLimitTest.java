package org.tuopin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.tuopin.TuopinTest;

/**
 * A crowd signing in at once: password checks run a few at a time and the rest queue, so the cores stay free for
 * everyone else; a check that waited too long is refused as busy, which is neither a wrong password nor a step
 * towards a lockout.
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
        // as many checks at once as cores: the hundredth sign-in of a crowd waits, it does not slow everyone down
        assertThat(((PasswordCheckLimit) applicationEncoder).permits().availablePermits())
                .isEqualTo(Runtime.getRuntime().availableProcessors());
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
        String hash = jdbc.sql("select password_hash from account where username = 'admin'").query(String.class).single();
        jdbc.sql("""
                        insert into account(username, display_name, password_hash, role, region_id)
                        values ('crowd.member', 'crowd.member', :h, 'DATA_ENTRY', (select id from region where code = '513400'))
                        on conflict (username) do update set failed_attempts = 0, locked_until = null, password_hash = :h""")
                .param("h", hash).update();
        PasswordCheckLimit limit = new PasswordCheckLimit(applicationEncoderWithoutLimit(), 1, Duration.ofMillis(300));
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(limit);
        var provider = new ProtectedAuthenticationProvider(passwords, attempts, secondFactor);

        limit.permits().acquire(); // someone else's check is running
        try {
            for (int i = 0; i < LoginAttempts.ACCOUNT_FAILURE_LIMIT + 1; i++) {
                assertThatThrownBy(() -> provider.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(
                        "crowd.member", DemoAccounts.PASSWORD))).isInstanceOf(SignInBusyException.class);
            }
        } finally {
            limit.permits().release();
        }
        assertThat(jdbc.sql("select failed_attempts from account where username = 'crowd.member'").query(Integer.class)
                .single()).isZero();
        // once the check is free the same password signs in: the account was not locked by the busy refusals
        assertThat(provider.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("crowd.member",
                DemoAccounts.PASSWORD)).isAuthenticated()).isTrue();
    }

    private PasswordEncoder applicationEncoderWithoutLimit() {
        return new org.springframework.security.crypto.password.DelegatingPasswordEncoder("bcrypt",
                java.util.Map.of("bcrypt", new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(12)));
    }
}
