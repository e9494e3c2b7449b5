package org.tuopin.security;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * At most {@code permits} password checks (bcrypt at cost 12: about a quarter of a second of a core each) run at a
 * time; the others wait their turn, first come first served, for at most {@code maxWait}, and are then refused as
 * busy ({@link SignInBusyException}) rather than judged. Without the limit a crowd signing in at once takes every
 * core and every other request, pages and saves alike, waits behind the hashing.
 */
final class PasswordCheckLimit implements PasswordEncoder {

    private final PasswordEncoder delegate;
    private final Semaphore checks;
    private final Duration maxWait;

    PasswordCheckLimit(PasswordEncoder delegate, int permits, Duration maxWait) {
        this.delegate = delegate;
        this.checks = new Semaphore(permits, true);
        this.maxWait = maxWait;
    }

    /**
     * As many checks as there are cores: a crowd signing in is served as fast as the machine can hash, and the
     * JVM's other threads (pages, saves, the database) still get their turns, which an unbounded crowd of
     * hashing threads would not leave them.
     */
    static int defaultPermits() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    @Override
    public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
        acquire();
        try {
            return delegate.matches(rawPassword, encodedPassword);
        } finally {
            checks.release();
        }
    }

    @Override
    public @Nullable String encode(@Nullable CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean upgradeEncoding(@Nullable String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private void acquire() {
        try {
            if (!checks.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SignInBusyException("No password check free within " + maxWait.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignInBusyException("Interrupted while waiting for a password check");
        }
    }

    /** How many checks are waiting for their turn (tests). */
    int waiting() {
        return checks.getQueueLength();
    }

    /** The permits themselves, so that a test can occupy every check (tests). */
    Semaphore permits() {
        return checks;
    }
}
