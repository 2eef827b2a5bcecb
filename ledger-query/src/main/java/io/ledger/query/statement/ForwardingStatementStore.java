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
 * A statement store that passes every call to another; subclasses observe or take over what they need (the audit
 * tool records appends, a rebuild's buffered store takes over the writes and leaves the queries to the tables).
 */
public class ForwardingStatementStore implements StatementStore {

    private final StatementStore delegate;

    public ForwardingStatementStore(StatementStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void rememberMetadata(String transferId, Map<String, String> metadata) {
        delegate.rememberMetadata(transferId, metadata);
    }

    @Override
    public Map<String, String> metadataOf(String transferId) {
        return delegate.metadataOf(transferId);
    }

    @Override
    public void append(StatementEntry entry) {
        delegate.append(entry);
    }

    @Override
    public Optional<StatementEntry> latest(String accountId) {
        return delegate.latest(accountId);
    }

    @Override
    public StatementPage page(FindStatementQuery query) {
        return delegate.page(query);
    }

    @Override
    public Optional<StatementEntry> at(String accountId, Instant asOf) {
        return delegate.at(accountId, asOf);
    }

    @Override
    public Optional<BalanceSnapshot> effectiveBalance(String accountId, Instant effectiveAt, Instant knownAt) {
        return delegate.effectiveBalance(accountId, effectiveAt, knownAt);
    }

    @Override
    public List<TrialBalanceLine> trialBalance(Instant asOf) {
        return delegate.trialBalance(asOf);
    }

    @Override
    public void clear() {
        delegate.clear();
    }
}
