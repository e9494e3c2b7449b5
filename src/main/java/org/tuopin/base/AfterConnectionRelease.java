package org.tuopin.base;

import java.util.ArrayDeque;
import java.util.Deque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work that needs a connection of its own once the current thread's transactions have given theirs back, such as
 * the audit entry of a refused change (it must outlive the refusal's rollback). Run from a transaction's
 * {@code afterCompletion} it would take a second connection while the first is still held, and a handful of
 * refusals at once could then empty the pool and wait on each other. {@link ReleaseAwareTransactionManager} counts
 * the physical transactions open on each thread and runs the queued work when the last one has released its
 * connection; a thread without an open transaction runs it at once.
 */
public final class AfterConnectionRelease {

    private static final Logger LOG = LoggerFactory.getLogger(AfterConnectionRelease.class);

    private static final ThreadLocal<int[]> OPEN = ThreadLocal.withInitial(() -> new int[1]);
    private static final ThreadLocal<Deque<Runnable>> QUEUED = ThreadLocal.withInitial(ArrayDeque::new);
    private static final ThreadLocal<Boolean> RUNNING = ThreadLocal.withInitial(() -> false);

    private AfterConnectionRelease() {
    }

    /** Runs {@code work} now if this thread holds no transaction's connection, or as soon as it holds none. */
    public static void run(Runnable work) {
        if (OPEN.get()[0] == 0 && !RUNNING.get()) {
            work.run();
            return;
        }
        QUEUED.get().addLast(work);
    }

    /** True while this thread has a physical transaction (and so a pooled connection) open. */
    public static boolean holdsConnection() {
        return OPEN.get()[0] > 0;
    }

    static void opened() {
        OPEN.get()[0]++;
    }

    static void released() {
        int[] open = OPEN.get();
        open[0] = Math.max(0, open[0] - 1);
        if (open[0] > 0 || RUNNING.get()) {
            return;
        }
        Deque<Runnable> queued = QUEUED.get();
        RUNNING.set(true);
        try {
            for (Runnable work = queued.pollFirst(); work != null; work = queued.pollFirst()) {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    // the caller's own transaction has already ended; its outcome must not change now
                    LOG.error("Work queued until the connection was released failed", e);
                }
            }
        } finally {
            RUNNING.set(false);
            OPEN.remove();
            QUEUED.remove();
            RUNNING.remove();
        }
    }
}
