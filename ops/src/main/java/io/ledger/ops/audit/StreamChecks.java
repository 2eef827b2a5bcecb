package io.ledger.ops.audit;

import io.ledger.core.transfer.HoldExpiredEvent;
import io.ledger.core.transfer.HoldPostedEvent;
import io.ledger.core.transfer.HoldVoidedEvent;
import io.ledger.ops.store.StoredEvent;

import java.util.HashMap;
import java.util.Map;

/**
 * Invariants of the event store itself, checked on every event as it streams past: each stream's sequence
 * numbers run 0, 1, 2, ... without gap or repeat, and each hold gets at most one outcome.
 */
final class StreamChecks {

    private final Map<String, Long> nextSequence = new HashMap<>();
    private final Map<String, String> holdOutcomes = new HashMap<>();
    private final Discrepancies found;

    StreamChecks(Discrepancies found) {
        this.found = found;
    }

    void check(StoredEvent event) {
        long expected = nextSequence.getOrDefault(event.aggregateId(), 0L);
        if (event.sequenceNumber() != expected) {
            found.add("sequence numbers", "stream " + event.aggregateId() + " has event " + event.sequenceNumber()
                    + " at position " + event.globalIndex() + " where " + expected + " was due");
        }
        nextSequence.put(event.aggregateId(), event.sequenceNumber() + 1);
        String holdId = holdOutcome(event.payload());
        if (holdId != null) {
            String outcome = Projections.simpleName(event.payloadType());
            String earlier = holdOutcomes.putIfAbsent(holdId, outcome + " at position " + event.globalIndex());
            if (earlier != null) {
                found.add("hold outcomes", "hold " + holdId + " has a second outcome, " + outcome + " at position "
                        + event.globalIndex() + ", after " + earlier);
            }
        }
    }

    private static String holdOutcome(Object payload) {
        if (payload instanceof HoldPostedEvent posted) {
            return posted.transferId();
        }
        if (payload instanceof HoldVoidedEvent voided) {
            return voided.transferId();
        }
        if (payload instanceof HoldExpiredEvent expired) {
            return expired.transferId();
        }
        return null;
    }
}
