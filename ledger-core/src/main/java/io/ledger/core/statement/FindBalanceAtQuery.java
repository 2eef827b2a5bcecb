package io.ledger.core.statement;

import java.time.Instant;

/** An account's balances as they stood at instant {@code asOf} (record time): the entry at or before it. */
public record FindBalanceAtQuery(String accountId, Instant asOf) {
}
