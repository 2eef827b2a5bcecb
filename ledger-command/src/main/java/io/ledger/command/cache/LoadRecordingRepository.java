package io.ledger.command.cache;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

import java.util.concurrent.Callable;

/**
 * A repository that records every aggregate it loads in the current unit of work ({@link CachedDecisions}), so
 * that decisions taken on a cached, possibly stale, aggregate can be checked before they are answered.
 */
public final class LoadRecordingRepository<T> implements Repository<T> {

    private final Repository<T> repository;

    public LoadRecordingRepository(Repository<T> repository) {
        this.repository = repository;
    }

    @Override
    public Aggregate<T> load(String aggregateIdentifier) {
        Aggregate<T> aggregate = repository.load(aggregateIdentifier);
        CachedDecisions.recordLoad(aggregate);
        return aggregate;
    }

    @Override
    public Aggregate<T> load(String aggregateIdentifier, Long expectedVersion) {
        Aggregate<T> aggregate = repository.load(aggregateIdentifier, expectedVersion);
        CachedDecisions.recordLoad(aggregate);
        return aggregate;
    }

    /** A new aggregate is not recorded: it came from no cache, and its creation writes its first event. */
    @Override
    public Aggregate<T> newInstance(Callable<T> factoryMethod) throws Exception {
        return repository.newInstance(factoryMethod);
    }

    @Override
    public Aggregate<T> loadOrCreate(String aggregateIdentifier, Callable<T> factoryMethod) throws Exception {
        Aggregate<T> aggregate = repository.loadOrCreate(aggregateIdentifier, factoryMethod);
        CachedDecisions.recordLoad(aggregate);
        return aggregate;
    }

    @Override
    public void send(Message<?> message, ScopeDescriptor scopeDescription) throws Exception {
        repository.send(message, scopeDescription);
    }

    @Override
    public boolean canResolve(ScopeDescriptor scopeDescription) {
        return repository.canResolve(scopeDescription);
    }
}
