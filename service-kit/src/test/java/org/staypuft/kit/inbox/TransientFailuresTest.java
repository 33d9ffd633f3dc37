package org.staypuft.kit.inbox;

import java.sql.SQLException;

import jakarta.persistence.PersistenceException;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures the inbox waits out instead of dead-lettering the event. */
class TransientFailuresTest {

    @Test
    void lostConnectionsAndSerializationConflictsAreTransient() {
        assertThat(TransientFailures.isTransient(wrapped(new PSQLException("gone", PSQLState.CONNECTION_FAILURE))))
                .isTrue();
        assertThat(TransientFailures.isTransient(
                wrapped(new PSQLException("conflict", PSQLState.SERIALIZATION_FAILURE)))).isTrue();
        assertThat(TransientFailures.isTransient(wrapped(new SQLException("Acquisition timeout")))).isTrue();
    }

    @Test
    void constraintViolationsAndBugsAreNot() {
        assertThat(TransientFailures.isTransient(wrapped(new PSQLException("dup", PSQLState.UNIQUE_VIOLATION))))
                .isFalse();
        assertThat(TransientFailures.isTransient(new IllegalStateException("no such role"))).isFalse();
    }

    private static RuntimeException wrapped(Exception cause) {
        return new RuntimeException("transaction failed", new PersistenceException("flush failed", cause));
    }
}
