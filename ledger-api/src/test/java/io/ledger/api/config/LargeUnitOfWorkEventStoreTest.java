package io.ledger.api.config;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store gathers a unit of work's staged events in linear time; what it gathers must be exactly what Axon's
 * own gathering finds, in the same order, for nested units of work and for committed and rolled-back ones. If an
 * Axon upgrade changed where it keeps staged events, these comparisons fail instead of loads silently missing
 * their own unsaved changes.
 */
class LargeUnitOfWorkEventStoreTest {

    private static final List<String> AGGREGATES = List.of("a", "b", "c", "absent");

    private final LargeUnitOfWorkEventStore store = new LargeUnitOfWorkEventStore(EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()));

    @AfterEach
    void stop() {
        store.shutDown();
    }

    @Test
    void gathersWhatAxonGathersThroughNestedCommittedAndRolledBackUnitsOfWork() {
        UnitOfWork<?> root = DefaultUnitOfWork.startAndGet(null);
        store.publish(event("a", 0), event("a", 1), event("b", 0),
                GenericEventMessage.asEventMessage("not a domain event"));
        assertGathersAsAxon(4);

        UnitOfWork<?> committed = DefaultUnitOfWork.startAndGet(null);
        store.publish(event("a", 2));
        assertGathersAsAxon(5);
        committed.commit();
        assertGathersAsAxon(5);

        UnitOfWork<?> outer = DefaultUnitOfWork.startAndGet(null);
        store.publish(event("b", 1));
        UnitOfWork<?> inner = DefaultUnitOfWork.startAndGet(null);
        store.publish(event("c", 0), event("a", 3));
        assertGathersAsAxon(8);
        inner.rollback(new IllegalStateException("the inner unit of work fails"));
        assertGathersAsAxon(6);
        outer.commit();
        assertGathersAsAxon(6);

        assertThat(store.readEvents("a").asStream().map(DomainEventMessage::getSequenceNumber))
                .as("a load sees its aggregate's unsaved events").containsExactly(0L, 1L, 2L);
        root.rollback(new IllegalStateException("the test stores nothing"));
    }

    @Test
    void outsideAUnitOfWorkNothingIsStaged() {
        assertThat(store.queuedMessages()).isEmpty();
        assertThat(store.stagedDomainEventMessages("a")).isEmpty();
    }

    private void assertGathersAsAxon(int expectedCount) {
        List<EventMessage<?>> axons = store.queuedMessagesAsAxonGathersThem();
        assertThat(axons).as("the test itself reaches the staged events").hasSize(expectedCount);
        assertThat(store.queuedMessages()).containsExactlyElementsOf(axons);
        for (String aggregate : AGGREGATES) {
            List<EventMessage<?>> axonsForAggregate = axons.stream()
                    .filter(event -> event instanceof DomainEventMessage<?> domainEvent
                            && aggregate.equals(domainEvent.getAggregateIdentifier()))
                    .toList();
            List<EventMessage<?>> gathered = List.copyOf(store.stagedDomainEventMessages(aggregate).toList());
            assertThat(gathered).as(aggregate).containsExactlyElementsOf(axonsForAggregate);
        }
    }

    private static DomainEventMessage<String> event(String aggregate, long sequence) {
        return new GenericDomainEventMessage<>("Test", aggregate, sequence, aggregate + sequence);
    }
}
