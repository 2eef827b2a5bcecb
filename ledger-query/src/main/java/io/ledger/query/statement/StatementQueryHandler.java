package io.ledger.query.statement;

import io.ledger.core.statement.BalanceSnapshot;
import io.ledger.core.statement.FindBalanceAtQuery;
import io.ledger.core.statement.FindBalanceEffectiveQuery;
import io.ledger.core.statement.FindStatementQuery;
import io.ledger.core.statement.StatementEntry;
import io.ledger.core.statement.StatementPage;
import io.ledger.core.statement.TrialBalanceLine;
import io.ledger.core.statement.TrialBalanceQuery;
import org.axonframework.queryhandling.QueryHandler;

import java.util.List;
import java.util.Optional;

/** Answers statement, point-in-time balance and trial balance queries from the statement tables. */
public class StatementQueryHandler {

    private final StatementStore store;

    public StatementQueryHandler(StatementStore store) {
        this.store = store;
    }

    @QueryHandler
    public StatementPage handle(FindStatementQuery query) {
        return store.page(query);
    }

    @QueryHandler
    public Optional<StatementEntry> handle(FindBalanceAtQuery query) {
        return store.at(query.accountId(), query.asOf());
    }

    @QueryHandler
    public Optional<BalanceSnapshot> handle(FindBalanceEffectiveQuery query) {
        return store.effectiveBalance(query.accountId(), query.effectiveAt(), query.knownAt());
    }

    @QueryHandler
    public List<TrialBalanceLine> handle(TrialBalanceQuery query) {
        return store.trialBalance(query.asOf());
    }
}
