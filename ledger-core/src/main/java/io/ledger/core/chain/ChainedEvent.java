package io.ledger.core.chain;

import java.util.Objects;

/**
 * One stored event exactly as the event store holds it: every column of its row except the global index (which
 * the database assigns only when the row is inserted) and the chain hash itself. The payload and metadata are
 * the stored bytes, not a re-serialization, so that the hash can be recomputed from the row alone.
 *
 * @param type            the aggregate type, absent for events not published by an aggregate
 * @param payloadRevision absent when the payload class carries no revision
 * @param timestamp       the timestamp column as stored (a string), not a parsed instant
 * @param metadata        absent only in rows written by something other than the service
 */
public record ChainedEvent(String eventIdentifier, String aggregateIdentifier, long sequenceNumber, String type,
                           String payloadType, String payloadRevision, String timestamp, byte[] payload,
                           byte[] metadata) {

    public ChainedEvent {
        Objects.requireNonNull(eventIdentifier, "eventIdentifier");
        Objects.requireNonNull(aggregateIdentifier, "aggregateIdentifier");
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(payload, "payload");
    }
}
