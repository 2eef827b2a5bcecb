package io.ledger.query.chain;

import io.ledger.core.chain.ChainedEvent;

/**
 * One row of the event store as the chain sees it.
 *
 * @param chainHash the hash stored with the event; absent for events stored before the chain existed
 */
public record StoredEvent(long globalIndex, ChainedEvent event, byte[] chainHash) {

    public String aggregateIdentifier() {
        return event.aggregateIdentifier();
    }

    public long sequenceNumber() {
        return event.sequenceNumber();
    }
}
