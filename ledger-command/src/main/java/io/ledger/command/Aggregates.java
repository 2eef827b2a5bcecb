package io.ledger.command;

import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

import java.util.Optional;
import java.util.concurrent.Callable;

/** Small helpers around Axon's {@link Repository} that keep the command handlers readable. */
public final class Aggregates {

    private Aggregates() {
    }

    /** Loads the aggregate with {@code streamId}, or nothing when its stream does not exist yet. */
    public static <T> Optional<Aggregate<T>> loadIfPresent(Repository<T> repository, String streamId) {
        try {
            return Optional.of(repository.load(streamId));
        } catch (AggregateNotFoundException notFound) {
            return Optional.empty();
        }
    }

    /** Creates a new aggregate; a refusal thrown by its constructor propagates unchanged. */
    public static <T> Aggregate<T> create(Repository<T> repository, Callable<T> factory) {
        try {
            return repository.newInstance(factory);
        } catch (RuntimeException refusal) {
            throw refusal;
        } catch (Exception unexpected) {
            throw new IllegalStateException("Aggregate creation failed", unexpected);
        }
    }
}
