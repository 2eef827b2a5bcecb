package io.ledger.ops.audit;

import java.time.Instant;

/**
 * A point on the ledger's two time axes, as the service's balance queries take it: entries count when their value
 * date is at or before {@code effectiveAt} and their record time at or before {@code knownAt}. "As of T" (record
 * time only) is {@code effectiveAt} unbounded and {@code knownAt = T}: record times rise along a statement (see
 * docs/time.md), so the entries recorded at or before T are exactly the prefix the service's asOf query reads.
 */
record Cut(Instant effectiveAt, Instant knownAt) {

    static Cut asOf(Instant instant) {
        return new Cut(Instant.MAX, instant);
    }

    boolean covers(Instant entryEffectiveAt, Instant entryRecordedAt) {
        return !entryEffectiveAt.isAfter(effectiveAt) && !entryRecordedAt.isAfter(knownAt);
    }
}
