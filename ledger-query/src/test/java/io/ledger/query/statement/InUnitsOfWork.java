package io.ledger.query.statement;

import io.ledger.core.statement.BalanceSnapshot;
import io.ledger.core.statement.FindStatementQuery;
import io.ledger.core.statement.StatementEntry;
import io.ledger.core.statement.StatementPage;
import io.ledger.core.statement.TrialBalanceLine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * A store whose projector calls each run in a unit of work of its own, as they do under an event processor; the
 * JDBC store remembers what it wrote only inside one, so this is how tests reach that path.
 */
final class InUnitsOfWork implements StatementStore {

    private final StatementStore store;

    InUnitsOfWork(StatementStore store) {
        this.store = store;
    }

    @Override
    public void rememberMetadata(String transferId, Map<String, String> metadata) {
        inUnitOfWork(() -> {
            store.rememberMetadata(transferId, metadata);
            return null;
        });
    }

    @Override
    public Map<String, String> metadataOf(String transferId) {
        return inUnitOfWork(() -> store.metadataOf(transferId));
    }

    @Override
    public void append(StatementEntry entry) {
        inUnitOfWork(() -> {
            store.append(entry);
            return null;
        });
    }

    @Override
    public Optional<StatementEntry> latest(String accountId) {
        return inUnitOfWork(() -> store.latest(accountId));
    }

    @Override
    public StatementPage page(FindStatementQuery query) {
        return store.page(query);
    }

    @Override
    public Optional<StatementEntry> at(String accountId, Instant asOf) {
        return store.at(accountId, asOf);
    }

    @Override
    public Optional<BalanceSnapshot> effectiveBalance(String accountId, Instant effectiveAt, Instant knownAt) {
        return store.effectiveBalance(accountId, effectiveAt, knownAt);
    }

    @Override
    public List<TrialBalanceLine> trialBalance(Instant asOf) {
        return store.trialBalance(asOf);
    }

    @Override
    public void clear() {
        store.clear();
    }

    private static <T> T inUnitOfWork(Callable<T> call) {
        var result = DefaultUnitOfWork.startAndGet(null).executeWithResult(call);
        if (result.isExceptional()) {
            throw result.exceptionResult() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException(result.exceptionResult());
        }
        return result.getPayload();
    }
}
