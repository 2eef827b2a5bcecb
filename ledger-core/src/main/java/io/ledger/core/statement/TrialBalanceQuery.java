package io.ledger.core.statement;

import java.time.Instant;

/** The trial balance as it stood at {@code asOf}. */
public record TrialBalanceQuery(Instant asOf) {
}
