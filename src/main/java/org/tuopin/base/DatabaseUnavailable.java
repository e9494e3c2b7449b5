package org.tuopin.base;

import java.sql.SQLException;
import java.util.Set;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Recognises a failure that means "the database cannot be reached right now" (server stopped or killed,
 * connection refused or cut), as opposed to a refused statement. Pages and the API then say so plainly and
 * the connection pool reconnects by itself once the server is back.
 */
public final class DatabaseUnavailable {

    /** SQLSTATE class 08 (connection exceptions) and the shutdown codes of 57P. */
    private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");

    private DatabaseUnavailable() {
    }

    public static boolean causedBy(Throwable failure) {
        if (busy(failure)) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || SHUTDOWN_STATES.contains(sql.getSQLState()))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * The database is up, but every pooled connection stayed in use by other requests for the whole busy wait
     * ({@link PatientDataSource}): the server is overloaded, not broken, and a retry in a few seconds will do.
     */
    public static boolean busy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && PatientDataSource.BUSY_STATE.equals(sql.getSQLState())
                    && sql.getMessage() != null && sql.getMessage().startsWith(PatientDataSource.BUSY)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
