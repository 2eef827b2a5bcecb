package io.ledger.core.compliance;

/** One alert by its id; answered with an {@code Optional<ComplianceAlert>}. */
public record FindAlertQuery(String alertId) {
}
