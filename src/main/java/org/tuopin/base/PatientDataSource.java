package org.tuopin.base;

import java.io.Closeable;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Tells a busy pool from a dead database. The pool's own wait ({@code spring.datasource.hikari.connection-timeout},
 * 5 s) is how quickly a database that cannot be reached is reported; when that wait ends only because every
 * connection is in use by other requests (Hikari then reports no connection failure: no cause, no SQLState), this
 * keeps waiting up to {@code tuopin.database.busy-wait} in all, and then gives up with a {@link #BUSY} failure that
 * {@link DatabaseUnavailable#busy} recognises, so that callers hear "busy, try again in a moment" rather than
 * "the database is down".
 */
public final class PatientDataSource extends DelegatingDataSource implements Closeable {

    /** The message of the failure thrown when the busy wait is over; SQLState class 53 (insufficient resources). */
    static final String BUSY = "All database connections stayed in use by other requests";
    static final String BUSY_STATE = "53000";

    private final Duration busyWait;

    public PatientDataSource(DataSource pool, Duration busyWait) {
        super(pool);
        this.busyWait = busyWait;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return patiently(() -> obtainTargetDataSource().getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return patiently(() -> obtainTargetDataSource().getConnection(username, password));
    }

    private interface Borrow {
        Connection get() throws SQLException;
    }

    private Connection patiently(Borrow borrow) throws SQLException {
        long deadline = System.nanoTime() + busyWait.toNanos();
        while (true) {
            try {
                return borrow.get();
            } catch (SQLTransientConnectionException e) {
                if (!poolExhausted(e)) {
                    throw e; // the pool could not open a connection: the database is unreachable, say so now
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw new SQLTransientConnectionException(BUSY + " for " + busyWait.toSeconds() + " s: "
                            + e.getMessage(), BUSY_STATE);
                }
            }
        }
    }

    /** Hikari's time-out of a pool whose connections are all lent out, while opening new ones still works. */
    static boolean poolExhausted(SQLException e) {
        return e.getSQLState() == null && e.getCause() == null && e.getNextException() == null;
    }

    @Override
    public void close() throws IOException {
        if (getTargetDataSource() instanceof Closeable pool) {
            pool.close();
        }
    }

    @Override
    public String toString() {
        @Nullable DataSource target = getTargetDataSource();
        return "PatientDataSource[" + target + ", busy wait " + busyWait + "]";
    }
}
