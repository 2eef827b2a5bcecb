package io.ledger.query.statement;

import io.ledger.core.statement.BalanceSnapshot;
import io.ledger.core.statement.FindStatementQuery;
import io.ledger.core.statement.StatementEntry;
import io.ledger.core.statement.StatementPage;
import io.ledger.core.statement.TrialBalanceLine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Storage of statements, written only by {@link StatementProjection}: a JDBC implementation for the service and an
 * in-memory one for tests and replays. Appending an entry twice is refused with {@link IllegalStateException}.
 */
public interface StatementStore {

    void rememberMetadata(String transferId, Map<String, String> metadata);

    Map<String, String> metadataOf(String transferId);

    void append(StatementEntry entry);

    /** The account's latest entry. */
    Optional<StatementEntry> latest(String accountId);

    StatementPage page(FindStatementQuery query);

    /** The account's last entry recorded at or before {@code asOf}; empty when it did not exist yet. */
    Optional<StatementEntry> at(String accountId, Instant asOf);

    /**
     * Balances effective at {@code effectiveAt} as known at {@code knownAt}: the sums over the account's entries
     * with a value date at or before the one and a record time at or before the other. Empty when the account
     * was not open (known) by then.
     */
    Optional<BalanceSnapshot> effectiveBalance(String accountId, Instant effectiveAt, Instant knownAt);

    /** Per currency, ordered by currency: totals of posted debits and credits and the sum of posted balances. */
    List<TrialBalanceLine> trialBalance(Instant asOf);

    void clear();
}
