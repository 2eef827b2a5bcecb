package io.ledger.query.statement;

import io.ledger.core.statement.StatementEntry;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * A store whose projector calls each run in a unit of work of its own, as they do under an event processor; the
 * JDBC store remembers what it wrote only inside one, so this is how tests reach that path. Queries pass through.
 */
final class InUnitsOfWork extends ForwardingStatementStore {

    InUnitsOfWork(StatementStore store) {
        super(store);
    }

    @Override
    public void rememberMetadata(String transferId, Map<String, String> metadata) {
        inUnitOfWork(() -> {
            super.rememberMetadata(transferId, metadata);
            return null;
        });
    }

    @Override
    public Map<String, String> metadataOf(String transferId) {
        return inUnitOfWork(() -> super.metadataOf(transferId));
    }

    @Override
    public void append(StatementEntry entry) {
        inUnitOfWork(() -> {
            super.append(entry);
            return null;
        });
    }

    @Override
    public Optional<StatementEntry> latest(String accountId) {
        return inUnitOfWork(() -> super.latest(accountId));
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
