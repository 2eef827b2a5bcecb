package io.ledger.core.statement;

import java.time.Instant;

/**
 * Entries of one account's statement in the order they happened, those recorded from {@code from} to {@code to}
 * (both inclusive, either may be null), after {@code afterEntrySeq} (the cursor; -1 from the start), at most
 * {@code limit}.
 */
public record FindStatementQuery(String accountId, Instant from, Instant to, long afterEntrySeq, int limit) {
}
