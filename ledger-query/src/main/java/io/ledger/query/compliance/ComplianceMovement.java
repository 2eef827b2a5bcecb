package io.ledger.query.compliance;

import java.time.Instant;

/**
 * One account's side of a posted transfer (or an insufficient-funds refusal, whose {@code transferId} is the
 * refusal's id), as the windowed compliance rules look back over it. Amount and currency may be null for
 * refusals that did not name them.
 */
public record ComplianceMovement(String accountId, MovementDirection direction, String transferId, Long amountMinor,
                                 String currency, Instant recordedAt) {
}
