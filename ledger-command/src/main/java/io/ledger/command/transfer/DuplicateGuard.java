package io.ledger.command.transfer;

import io.ledger.core.StreamIds;
import io.ledger.core.error.LedgerException;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Turns a refusal into a write conflict when a duplicate of the same creation committed meanwhile.
 *
 * <p>A duplicate that waited on the account locks while the first copy committed sees the first copy's effect
 * (funds already spent, a reversal already taken) and would refuse, answering a faithful repeat with a refusal.
 * The storage engine is asked directly: unlike the event store, it does not see this unit of work's own new
 * stream, which is only appended at commit. If the stream is there, the command is reported as a conflict, and
 * its retry takes the repeat path.
 */
final class DuplicateGuard {

    private final EventStorageEngine storage;

    DuplicateGuard(EventStorageEngine storage) {
        this.storage = storage;
    }

    RuntimeException resolve(String transferId, LedgerException refusal) {
        if (storage.lastSequenceNumberFor(StreamIds.transfer(transferId)).isPresent()) {
            return new ConcurrencyException("Transfer " + transferId + " was committed by a concurrent duplicate");
        }
        return refusal;
    }
}
