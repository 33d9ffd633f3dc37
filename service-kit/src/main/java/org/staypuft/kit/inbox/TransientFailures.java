package org.staypuft.kit.inbox;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Tells failures of the infrastructure (the database went away, a lock timed out, a serialization conflict) from
 * failures of the event itself. The first kind heals by waiting and must never send a valid event to the dead-letter
 * topic; the second does not heal and must.
 */
final class TransientFailures {

    /** SQLSTATE classes: 08 connection, 40 transaction rollback (serialization, deadlock), 53 resources, 57 operator
     * intervention (shutdown, cancel), 58 system error. */
    private static final Set<String> TRANSIENT_SQL_STATE_CLASSES = Set.of("08", "40", "53", "57", "58");
    private static final Set<String> TRANSIENT_EXCEPTION_NAMES = Set.of(
            "org.hibernate.exception.JDBCConnectionException",
            "org.hibernate.exception.LockAcquisitionException",
            "org.hibernate.PessimisticLockException",
            "jakarta.persistence.PessimisticLockException",
            "jakarta.persistence.LockTimeoutException",
            "jakarta.persistence.OptimisticLockException",
            "org.hibernate.StaleObjectStateException");

    private TransientFailures() {
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (TRANSIENT_EXCEPTION_NAMES.contains(cause.getClass().getName())
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState();
                // No SQLSTATE: the pool or the driver failed before the server answered.
                return state == null || state.length() < 2
                        || TRANSIENT_SQL_STATE_CLASSES.contains(state.substring(0, 2));
            }
        }
        return false;
    }
}
