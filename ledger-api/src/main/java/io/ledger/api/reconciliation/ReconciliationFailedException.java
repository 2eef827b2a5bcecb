package io.ledger.api.reconciliation;

import io.ledger.api.reconciliation.DroppedGapStore.SkippedEvent;
import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;

import java.util.List;

/** The reconciliation check found skipped events; the problem answer lists them. */
public class ReconciliationFailedException extends LedgerException {

    private final transient List<SkippedEvent> skippedEvents;

    public ReconciliationFailedException(List<SkippedEvent> skippedEvents) {
        super(LedgerErrorCode.RECONCILIATION_FAILED, skippedEvents.size()
                + " event(s) in the event store were never applied to a view: they committed after the view had "
                + "passed their position. Rebuild the view or reset its token.");
        this.skippedEvents = List.copyOf(skippedEvents);
    }

    public List<SkippedEvent> skippedEvents() {
        return skippedEvents;
    }
}
