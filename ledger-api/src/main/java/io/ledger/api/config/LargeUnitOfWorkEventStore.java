package io.ledger.api.config;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Axon's embedded event store, with the events staged in the current unit of work gathered in linear time.
 *
 * <p>Why: every load of an aggregate inside a unit of work (a transfer's idempotency check, an account the cache
 * does not hold) asks the store for the events staged so far, so that it sees its own unsaved changes. Axon
 * gathers them into a list, skipping repeats with {@code List.contains}: quadratic in the staged events, on every
 * load, and then filtered by aggregate on every load. An atomic batch of 1,000 transfers stages 3,000 events and
 * loads 1,000 transfer streams, so the gathering grew to about a billion comparisons per batch: in a profile of
 * {@code batch1000} on PostgreSQL, 37 % of the request threads' samples were in that {@code contains} and 20 % in
 * the filter. Here repeats are skipped with an identity set, which is what {@code contains} amounts to (Axon's
 * messages do not override {@code equals}), and a load picks its aggregate's events without building the list.
 *
 * <p>The staged events are a resource of each unit of work under a key Axon derives from the event bus's
 * {@code toString()}; this class derives it the same way. {@code LargeUnitOfWorkEventStoreTest} compares the
 * result with Axon's own for nested, committed and rolled-back units of work, so an Axon upgrade that changed the
 * key would fail there rather than hide staged events.
 */
public class LargeUnitOfWorkEventStore extends EmbeddedEventStore {

    private final String stagedEventsKey;

    public LargeUnitOfWorkEventStore(EmbeddedEventStore.Builder builder) {
        super(builder);
        this.stagedEventsKey = String.valueOf(this) + "_EVENTS";
    }

    /** As Axon's: the staged events of the unit of work and its parents, outermost first, each once. */
    @Override
    protected List<EventMessage<?>> queuedMessages() {
        List<EventMessage<?>> messages = new ArrayList<>();
        Set<EventMessage<?>> added = Collections.newSetFromMap(new IdentityHashMap<>());
        forEachStaged(event -> {
            if (added.add(event)) {
                messages.add(event);
            }
        });
        return messages;
    }

    /**
     * As Axon's: the staged events of one aggregate, in the order of {@link #queuedMessages()}. Axon filters
     * that whole list on every load; this picks the aggregate's events while walking the units of work, without
     * building the list.
     */
    @Override
    protected Stream<? extends DomainEventMessage<?>> stagedDomainEventMessages(String aggregateIdentifier) {
        List<DomainEventMessage<?>> matching = new ArrayList<>();
        Set<EventMessage<?>> added = Collections.newSetFromMap(new IdentityHashMap<>());
        forEachStaged(event -> {
            if (event instanceof DomainEventMessage<?> domainEvent
                    && aggregateIdentifier.equals(domainEvent.getAggregateIdentifier()) && added.add(event)) {
                matching.add(domainEvent);
            }
        });
        return matching.stream();
    }

    /** Axon's own gathering, for the test that holds this class to it. */
    List<EventMessage<?>> queuedMessagesAsAxonGathersThem() {
        return super.queuedMessages();
    }

    private void forEachStaged(Consumer<EventMessage<?>> action) {
        if (CurrentUnitOfWork.isStarted()) {
            forEachStaged(CurrentUnitOfWork.get(), action);
        }
    }

    /** Outermost unit of work first; a rolled-back one adds nothing, though its parents do. */
    private void forEachStaged(UnitOfWork<?> unitOfWork, Consumer<EventMessage<?>> action) {
        unitOfWork.parent().ifPresent(parent -> forEachStaged(parent, action));
        if (unitOfWork.isRolledBack()) {
            return;
        }
        List<EventMessage<?>> staged = unitOfWork.getOrDefaultResource(stagedEventsKey, Collections.emptyList());
        staged.forEach(action);
    }
}
