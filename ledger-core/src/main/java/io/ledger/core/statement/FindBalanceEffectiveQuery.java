package io.ledger.core.statement;

import java.time.Instant;

/**
 * Bi-temporal balance: the balances effective at {@code effectiveAt} (value date), as the ledger knew them at
 * {@code knownAt} (record time). Both instants are inclusive.
 */
public record FindBalanceEffectiveQuery(String accountId, Instant effectiveAt, Instant knownAt) {
}
