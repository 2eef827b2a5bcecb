package io.ledger.api.reconciliation;

import io.ledger.api.config.StoreProperties;
import io.ledger.query.balance.AccountBalanceProjection;
import io.ledger.query.compliance.ComplianceProjection;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;

/**
 * Wiring of the reconciliation check. Each view's processor reads the event store through a
 * {@link GapWatchingMessageSource} of its own, named in application.yml
 * ({@code axon.eventhandling.processors.<view>.source}); a new view needs a source bean here and that line.
 */
@Configuration(proxyBeanMethods = false)
public class ReconciliationConfig {

    @Bean
    public DroppedGapStore droppedGapStore(JdbcTemplate jdbcTemplate) {
        return new DroppedGapStore(jdbcTemplate);
    }

    @Bean
    public GapWatchingMessageSource balancesEventSource(EventStore eventStore, DroppedGapStore droppedGaps,
                                                        Clock clock) {
        return new GapWatchingMessageSource(eventStore, AccountBalanceProjection.PROCESSING_GROUP, droppedGaps, clock);
    }

    @Bean
    public GapWatchingMessageSource complianceEventSource(EventStore eventStore, DroppedGapStore droppedGaps,
                                                          Clock clock, StoreProperties store) {
        // The compliance rules depend on the order of events: the view takes them in position order, as a replay does.
        var inPositionOrder = new PositionOrderedMessageSource(eventStore, store.longestWriteTransaction(), clock);
        return new GapWatchingMessageSource(inPositionOrder, ComplianceProjection.PROCESSING_GROUP, droppedGaps,
                clock);
    }

    @Bean
    public Reconciliation reconciliation(DroppedGapStore droppedGaps, EventProcessingConfiguration processing,
                                         Clock clock, StoreProperties store, MeterRegistry meters) {
        return new Reconciliation(droppedGaps, processing, clock, store, meters);
    }
}
