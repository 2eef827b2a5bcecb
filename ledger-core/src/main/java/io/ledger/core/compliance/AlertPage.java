package io.ledger.core.compliance;

import java.util.List;

/** A page of alerts; {@code hasMore} says whether alerts follow the last one. */
public record AlertPage(List<ComplianceAlert> alerts, boolean hasMore) {

    public AlertPage {
        alerts = List.copyOf(alerts);
    }
}
