package io.ledger.core.compliance;

import java.time.Instant;

/**
 * Alerts in the order they were raised, filtered by each non-null criterion: type, account, raised from
 * {@code from} to {@code to} (both inclusive), status; after {@code afterAlertSeq} (the cursor; 0 from the start),
 * at most {@code limit}.
 */
public record FindAlertsQuery(AlertType type, String accountId, Instant from, Instant to, AlertStatus status,
                              long afterAlertSeq, int limit) {
}
