package io.ledger.api.command;

import org.axonframework.common.lock.DeadlockException;
import org.axonframework.common.lock.LockAcquisitionFailedException;
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

    /** Axon broke a cycle of lock waits: the command lost a race and, tried again, can go through. */
    @Test
    void aDeadlockAxonBrokeIsAWriteConflictNotAnOverlongWait() {
        DeadlockException deadlock = new DeadlockException("cycle");

        assertThat(LedgerCommands.isWriteConflict(deadlock)).isTrue();
        assertThat(LedgerCommands.isLockWaitOver(deadlock)).isFalse();
    }

    /** The account stayed busy for the whole wait: answered at once, not waited for once more. */
    @Test
    void aLockWaitThatRanOutIsNotRetried() {
        RuntimeException wrapped = new IllegalStateException("handler failed",
                new LockAcquisitionFailedException("Failed to acquire lock for aggregate identifier account:x"));

        assertThat(LedgerCommands.isLockWaitOver(wrapped)).isTrue();
        assertThat(LedgerCommands.isWriteConflict(wrapped)).isFalse();
    }
}
