package io.ledger.command.cache;

import io.ledger.core.error.LedgerException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;

import java.util.Optional;

/**
 * Makes answers decided on cached aggregates as safe as answers decided on aggregates read from the event store,
 * also when several nodes write to the same store.
 *
 * <p>A cached aggregate is behind when another node appended to its stream. A decision that <em>writes</em> to it
 * cannot go wrong: its events take the next sequence numbers of the stream, and the event table's unique key
 * refuses them if that node got there first; the unit of work rolls back, the cache entry is dropped, and the
 * command is retried on the stored state. A decision that writes nothing (a refusal such as insufficient funds, an
 * account already frozen) meets no such check. So, after the handler, every cached aggregate it loaded but did not
 * write is compared with the event store's last sequence number for its stream (one indexed lookup each); if any
 * is behind, the answer is withdrawn and reported as a write conflict, which rolls back (dropping the cache
 * entries) and is retried like any other.
 */
public final class StaleDecisionGuard implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final EventStorageEngine storage;

    public StaleDecisionGuard(EventStorageEngine storage) {
        this.storage = storage;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        Object answer;
        try {
            answer = interceptorChain.proceed();
        } catch (LedgerException refusal) {
            requireFreshUnwritten(unitOfWork, refusal);
            throw refusal;
        }
        requireFreshUnwritten(unitOfWork, null);
        return answer;
    }

    private void requireFreshUnwritten(UnitOfWork<?> unitOfWork, LedgerException refusal) {
        for (CachedDecisions.Loaded loaded : CachedDecisions.loadedIn(unitOfWork).values()) {
            if (loaded.written()) {
                continue;
            }
            String stream = loaded.aggregate().identifierAsString();
            Optional<Long> stored = storage.lastSequenceNumberFor(stream);
            if (!stored.equals(Optional.ofNullable(loaded.versionAtLoad()))) {
                ConcurrencyException stale = new ConcurrencyException("The cached state of " + stream + " (version "
                        + loaded.versionAtLoad() + ") is behind the event store (" + stored.orElse(null)
                        + "); the command is decided again on the stored state");
                if (refusal != null) {
                    stale.addSuppressed(refusal);
                }
                throw stale;
            }
        }
    }
}
