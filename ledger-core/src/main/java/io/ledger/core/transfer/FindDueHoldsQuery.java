package io.ledger.core.transfer;

import java.time.Instant;

/**
 * Pending holds whose expiry is at or before {@code now}, oldest first, at most {@code limit}. Answers a list of
 * ids.
 */
public record FindDueHoldsQuery(Instant now, int limit) {
}
