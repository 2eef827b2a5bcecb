package io.ledger.api;

import io.ledger.api.config.LargeUnitOfWorkEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The service's event store is the one that gathers a unit of work's staged events in linear time. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties =
        "spring.datasource.url=jdbc:h2:mem:ledger-event-store-wiring;DB_CLOSE_DELAY=-1")
class EventStoreWiringTest {

    @Autowired
    EventStore eventStore;

    @Test
    void theOnlyEventStoreIsTheLargeUnitOfWorkOne() {
        assertThat(eventStore).isInstanceOf(LargeUnitOfWorkEventStore.class);
    }
}
