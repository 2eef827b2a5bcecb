package io.ledger.ops.audit;

import java.time.Instant;
import java.util.Map;

/** One event as the service would append it: stream, sequence number, timestamp, payload and metadata. */
record GeneratedEvent(String aggregateType, String aggregateId, long sequenceNumber, Instant recordedAt,
                      Object payload, Map<String, String> metadata) {
}
