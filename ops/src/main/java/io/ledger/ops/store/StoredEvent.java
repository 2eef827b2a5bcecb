package io.ledger.ops.store;

import java.time.Instant;
import java.util.Map;

/**
 * One row of the event store, its payload already read into its ledger-core record.
 *
 * <p>The metadata is kept as stored and read only when asked for: a replay of the balances never looks at it, and
 * reading a JSON map per event cost about a tenth of a replay's CPU.
 *
 * @param globalIndex  the event's position in the store, the order every view applies events in
 * @param aggregateId  the stream the event belongs to
 * @param sequenceNumber its number within that stream (0, 1, 2, ...)
 * @param aggregateType the stream's type as the store recorded it (Account, Transfer, ...)
 * @param recordedAt   the event's timestamp: its record time
 * @param payload      the event, or null for a payload type the tool does not know (reported, never guessed)
 * @param payloadType  the stored payload class name
 * @param metadataJson the message metadata as stored (JSON), null or empty for none; see {@link #metadata()}
 */
public record StoredEvent(long globalIndex, String aggregateId, long sequenceNumber, String aggregateType,
                          Instant recordedAt, Object payload, String payloadType, byte[] metadataJson) {

    /** The message metadata (principal, correlationId, requestId, ... when present), each value as a string. */
    public Map<String, String> metadata() {
        return EventReader.metadata(metadataJson);
    }
}
