package io.ledger.ops.store;

import java.time.Instant;
import java.util.Map;

/**
 * One row of the event store, its payload already read into its ledger-core record.
 *
 * @param globalIndex  the event's position in the store, the order every view applies events in
 * @param aggregateId  the stream the event belongs to
 * @param sequenceNumber its number within that stream (0, 1, 2, ...)
 * @param aggregateType the stream's type as the store recorded it (Account, Transfer, ...)
 * @param recordedAt   the event's timestamp: its record time
 * @param payload      the event, or null for a payload type the tool does not know (reported, never guessed)
 * @param payloadType  the stored payload class name
 * @param metadata     the message metadata (principal, correlationId, requestId, ... when present)
 */
public record StoredEvent(long globalIndex, String aggregateId, long sequenceNumber, String aggregateType,
                          Instant recordedAt, Object payload, String payloadType, Map<String, String> metadata) {
}
