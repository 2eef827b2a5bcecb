package io.ledger.query.compliance;

import io.ledger.core.compliance.AlertPage;
import io.ledger.core.compliance.ComplianceAlert;
import io.ledger.core.compliance.FindAlertQuery;
import io.ledger.core.compliance.FindAlertsQuery;
import org.axonframework.queryhandling.QueryHandler;

import java.util.Optional;

/** Answers compliance alert queries from the compliance view. */
public class ComplianceQueryHandler {

    private final ComplianceStore store;

    public ComplianceQueryHandler(ComplianceStore store) {
        this.store = store;
    }

    @QueryHandler
    public AlertPage handle(FindAlertsQuery query) {
        return store.page(query);
    }

    @QueryHandler
    public Optional<ComplianceAlert> handle(FindAlertQuery query) {
        return store.alert(query.alertId());
    }
}
