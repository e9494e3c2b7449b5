package org.tuopin.security;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password checks (bcrypt at cost 12: about a quarter of a second of a core each) run a few at a time, in two lanes
 * (docs/design-decisions/DD022, "A flood of wrong passwords"):
 * <ul>
 * <li>{@link Lane#KNOWN}: a name signing in from an address it has signed in from before, and every check of a
 * signed-in user (the current password on a password change). As many checks at once as cores; the others wait
 * their turn, first come first served, for at most {@code maxWait}.</li>
 * <li>{@link Lane#UNKNOWN}: everyone else, which is where a flood of guesses lands. One core fewer (at least one),
 * and at most {@value #QUEUE_PER_PERMIT} waiting per check running: beyond that a check is refused as busy at
 * once ({@link SignInBusyException}) instead of holding a request thread while it waits. A flood therefore takes
 * at most that share of the cores and a bounded number of threads, and the known lane stays free for the offices
 * that work every day.</li>
 * </ul>
 * A busy refusal is neither a wrong password nor a step towards a lockout. A name that has no account is not
 * hashed at all ({@link #imitateCheck}): it is answered after the time a real check takes, so that the answer's
 * time does not tell which names exist, without spending a core on it.
 */
final class PasswordCheckLimit implements PasswordEncoder {

    /** Which queue a check waits in. */
    enum Lane {
        KNOWN, UNKNOWN
    }

    /** Checks that may wait in the unknown lane per check running there; more are refused as busy at once. */
    static final int QUEUE_PER_PERMIT = 4;
    /** Imitated checks (names without an account) asleep at once; more are refused as busy at once. */
    static final int IMITATIONS_AT_ONCE = 32;

    private static final ThreadLocal<Lane> LANE = new ThreadLocal<>();

    private final PasswordEncoder delegate;
    private final Semaphore known;
    private final Semaphore unknown;
    private final int unknownQueue;
    private final Semaphore imitations = new Semaphore(IMITATIONS_AT_ONCE);
    private final Duration maxWait;
    /** A moving average of how long a real check takes, in nanoseconds; 0 until one was measured. */
    private final AtomicLong typicalNanos = new AtomicLong();
    private volatile @Nullable String notAPasswordHash;

    PasswordCheckLimit(PasswordEncoder delegate, int permits, Duration maxWait) {
        this.delegate = delegate;
        this.known = new Semaphore(permits, true);
        int unknownPermits = Math.max(1, permits - 1);
        this.unknown = new Semaphore(unknownPermits, true);
        this.unknownQueue = unknownPermits * QUEUE_PER_PERMIT;
        this.maxWait = maxWait;
    }

    /**
     * As many checks as there are cores: the offices signing in are served as fast as the machine can hash, and the
     * JVM's other threads (pages, saves, the database) still get their turns, which an unbounded crowd of hashing
     * threads would not leave them.
     */
    static int defaultPermits() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** Runs a sign-in whose password checks wait in the given lane (checks outside one use the known lane). */
    <T> T checkingIn(Lane lane, Supplier<T> signIn) {
        Lane before = LANE.get();
        LANE.set(lane);
        try {
            return signIn.get();
        } finally {
            if (before == null) {
                LANE.remove();
            } else {
                LANE.set(before);
            }
        }
    }

    @Override
    public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
        Semaphore lane = acquire(LANE.get() == null ? Lane.KNOWN : LANE.get());
        long start = System.nanoTime();
        try {
            return delegate.matches(rawPassword, encodedPassword);
        } finally {
            lane.release();
            long took = System.nanoTime() - start;
            typicalNanos.accumulateAndGet(took, (average, last) -> average == 0 ? last : (average * 7 + last) / 8);
        }
    }

    /**
     * Stands for the check of a name that has no account: admitted like a check in the unknown lane (busy when that
     * lane's queue is full), then answered after the time a real check takes, without hashing. The first time,
     * before any check was measured, it hashes once for real.
     */
    void imitateCheck(@Nullable CharSequence rawPassword) {
        long typical = typicalNanos.get();
        if (typical == 0) {
            String hash = notAPasswordHash;
            if (hash == null) {
                hash = delegate.encode("no account has this password");
                notAPasswordHash = hash;
            }
            checkingIn(Lane.UNKNOWN, () -> matches(rawPassword, notAPasswordHash));
            return;
        }
        if (unknown.availablePermits() == 0 && unknown.getQueueLength() >= unknownQueue) {
            throw new SignInBusyException("The unknown lane's queue is full");
        }
        if (!imitations.tryAcquire()) {
            throw new SignInBusyException("Too many sign-ins of unknown names at once");
        }
        try {
            TimeUnit.NANOSECONDS.sleep(typical);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignInBusyException("Interrupted while answering a sign-in");
        } finally {
            imitations.release();
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

    private Semaphore acquire(Lane lane) {
        Semaphore checks = lane == Lane.KNOWN ? known : unknown;
        try {
            if (checks.tryAcquire(0, TimeUnit.MILLISECONDS)) {
                return checks;
            }
            if (lane == Lane.UNKNOWN && checks.getQueueLength() >= unknownQueue) {
                throw new SignInBusyException("The unknown lane's queue is full");
            }
            if (!checks.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SignInBusyException("No password check free within " + maxWait.toSeconds() + " s");
            }
            return checks;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignInBusyException("Interrupted while waiting for a password check");
        }
    }

    /** How many checks are waiting for their turn in a lane (tests). */
    int waiting(Lane lane) {
        return (lane == Lane.KNOWN ? known : unknown).getQueueLength();
    }

    /** A lane's permits themselves, so that a test can occupy every check of it (tests). */
    Semaphore permits(Lane lane) {
        return lane == Lane.KNOWN ? known : unknown;
    }

    /** How many checks may wait in the unknown lane before the next is refused at once (tests). */
    int unknownQueue() {
        return unknownQueue;
    }
}
