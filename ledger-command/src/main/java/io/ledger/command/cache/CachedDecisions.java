package io.ledger.command.cache;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.Aggregate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The aggregates a unit of work loaded from a cached repository, with the version each had when loaded. A cached
 * aggregate may be behind the event store when another node wrote to it; {@link StaleDecisionGuard} uses this
 * record to check the decisions that wrote nothing to it.
 */
public final class CachedDecisions {

    private static final String RESOURCE = CachedDecisions.class.getName();

    /** One aggregate as loaded. */
    public record Loaded(Aggregate<?> aggregate, Long versionAtLoad) {

        /** Whether this unit of work applied an event to it (then the event store's unique key checks it). */
        public boolean written() {
            Long now = aggregate.version();
            return now != null && !now.equals(versionAtLoad);
        }
    }

    private CachedDecisions() {
    }

    /**
     * Records the first load of each aggregate in the unit of work only: a later load (the next item of a batch)
     * returns the same instance, which may carry this unit of work's own, not yet stored, events.
     */
    static void recordLoad(Aggregate<?> aggregate) {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        loadedIn(CurrentUnitOfWork.get()).putIfAbsent(aggregate.identifierAsString(),
                new Loaded(aggregate, aggregate.version()));
    }

    /** What the unit of work (or its root) loaded so far, by stream; kept as a resource of the root. */
    static Map<String, Loaded> loadedIn(UnitOfWork<?> unitOfWork) {
        return unitOfWork.root().getOrComputeResource(RESOURCE, key -> new LinkedHashMap<>());
    }
}
