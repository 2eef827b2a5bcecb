package io.ledger.api.web;

import io.ledger.api.reconciliation.Reconciliation;
import io.ledger.api.reconciliation.ReconciliationFailedException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator endpoint: does every view hold every event it should? */
@RestController
class ReconciliationController {

    private final Reconciliation reconciliation;

    ReconciliationController(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    /**
     * 200 with the report when no view skipped an event; otherwise 500 problem+json with code
     * {@code RECONCILIATION_FAILED} and the skipped events.
     */
    @GetMapping(path = "/api/v1/admin/reconciliation", produces = MediaType.APPLICATION_JSON_VALUE)
    Reconciliation.Report reconciliation() {
        Reconciliation.Report report = reconciliation.check();
        if (!report.consistent()) {
            throw new ReconciliationFailedException(report.skippedEvents());
        }
        return report;
    }
}
