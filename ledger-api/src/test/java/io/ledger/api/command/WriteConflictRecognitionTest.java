package io.ledger.api.command;

import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures of a command are retried as write conflicts (LedgerCommands#isWriteConflict). */
class WriteConflictRecognitionTest {

    /** As the two-node test met it: Axon's store exception around the driver's batch exception and the deadlock. */
    @Test
    void aDeadlockPostgresBrokeIsAWriteConflict() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 1 INSERT INTO DomainEventEntry", "40P01",
                new int[0], new SQLException("ERROR: deadlock detected", "40P01"));

        assertThat(LedgerCommands.isWriteConflict(
                new EventStoreException("Cannot reuse aggregate identifier [transfer:t-4-9]", batch))).isTrue();
    }

    @Test
    void aSerializationFailureIsAWriteConflict() {
        assertThat(LedgerCommands.isWriteConflict(
                new EventStoreException("store failed", new SQLException("could not serialize", "40001")))).isTrue();
    }

    @Test
    void axonsConcurrencyExceptionIsAWriteConflict() {
        assertThat(LedgerCommands.isWriteConflict(new ConcurrencyException("stale"))).isTrue();
    }

    @Test
    void otherDatabaseErrorsAreNot() {
        assertThat(LedgerCommands.isWriteConflict(
                new EventStoreException("store failed", new SQLException("value too long", "22001")))).isFalse();
        assertThat(LedgerCommands.isWriteConflict(
                new EventStoreException("store failed", new SQLException("no state")))).isFalse();
        assertThat(LedgerCommands.isWriteConflict(new IllegalStateException("boom"))).isFalse();
    }
}
