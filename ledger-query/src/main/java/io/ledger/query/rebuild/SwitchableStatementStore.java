package io.ledger.query.rebuild;

import io.ledger.core.statement.BalanceSnapshot;
import io.ledger.core.statement.FindStatementQuery;
import io.ledger.core.statement.StatementEntry;
import io.ledger.core.statement.StatementPage;
import io.ledger.core.statement.TrialBalanceLine;
import io.ledger.query.statement.JdbcStatementStore;
import io.ledger.query.statement.StatementStore;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The statement store over whichever table set {@link ViewSet} says is active.
 *
 * <p>Each switch starts a new store over the set switched to: a store remembers each account's latest entry, and
 * what it remembered of a set before that set was rebuilt is stale. (The store's guard would refuse the stale entry,
 * but only by failing the live processor's next batch and retrying it a second later.)
 */
public final class SwitchableStatementStore implements StatementStore {

    /** The active set and the store over it. */
    private record Active(String set, StatementStore store) {
    }

    private final JdbcTemplate jdbc;
    private final ViewSet viewSet;
    private volatile Active current;

    public SwitchableStatementStore(JdbcTemplate jdbc, ViewSet viewSet) {
        this.jdbc = jdbc;
        this.viewSet = viewSet;
    }

    private StatementStore active() {
        String set = viewSet.active();
        Active known = current;
        if (known == null || !known.set().equals(set)) {
            known = new Active(set, new JdbcStatementStore(jdbc, ViewSet.suffix(set)));
            current = known;
        }
        return known.store();
    }

    @Override
    public void rememberMetadata(String transferId, Map<String, String> metadata) {
        active().rememberMetadata(transferId, metadata);
    }

    @Override
    public Map<String, String> metadataOf(String transferId) {
        return active().metadataOf(transferId);
    }

    @Override
    public void append(StatementEntry entry) {
        active().append(entry);
    }

    @Override
    public Optional<StatementEntry> latest(String accountId) {
        return active().latest(accountId);
    }

    @Override
    public StatementPage page(FindStatementQuery query) {
        return active().page(query);
    }

    @Override
    public Optional<StatementEntry> at(String accountId, Instant asOf) {
        return active().at(accountId, asOf);
    }

    @Override
    public Optional<BalanceSnapshot> effectiveBalance(String accountId, Instant effectiveAt, Instant knownAt) {
        return active().effectiveBalance(accountId, effectiveAt, knownAt);
    }

    @Override
    public List<TrialBalanceLine> trialBalance(Instant asOf) {
        return active().trialBalance(asOf);
    }

    @Override
    public void clear() {
        active().clear();
    }
}
