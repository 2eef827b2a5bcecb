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

/** The statement store over whichever table set {@link ViewSet} says is active. */
public final class SwitchableStatementStore implements StatementStore {

    private final ViewSet viewSet;
    private final StatementStore setA;
    private final StatementStore setB;

    public SwitchableStatementStore(JdbcTemplate jdbc, ViewSet viewSet) {
        this.viewSet = viewSet;
        this.setA = new JdbcStatementStore(jdbc, ViewSet.suffix("a"));
        this.setB = new JdbcStatementStore(jdbc, ViewSet.suffix("b"));
    }

    private StatementStore active() {
        return "a".equals(viewSet.active()) ? setA : setB;
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
