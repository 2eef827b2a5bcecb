package io.ledger.api.reconciliation;

import io.ledger.api.config.StoreProperties;
import io.ledger.api.reconciliation.DroppedGapStore.SkippedEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks that no view skipped an event: every event the event store holds at a position that a view's processor
 * passed without an event there is reported. Such an event committed after its processor had given up on its gap;
 * the view never applied it and never will on its own (rebuild the view, or reset its processor's token, to repair
 * it). With write transactions bounded well below the gap timeout this never happens; the check is the evidence.
 *
 * <p>Runs every {@code ledger.store.reconciliation-interval} and on request
 * ({@code GET /api/v1/admin/reconciliation}); logs every skipped event at ERROR, publishes the count as the gauge
 * {@code ledger.reconciliation.skipped.events}, and turns the health indicator {@code reconciliation} DOWN (it is
 * not part of the liveness or readiness probes: restarting would not repair the view).
 */
public class Reconciliation implements HealthIndicator, SchedulingConfigurer {

    /** Dropped positions that stayed empty this long are forgotten: no transaction can still fill them. */
    static final Duration EMPTY_GAP_RETENTION = Duration.ofDays(1);

    private static final Logger LOG = LoggerFactory.getLogger(Reconciliation.class);

    /** The outcome of one check, per view the number of dropped positions watched. */
    public record Report(boolean consistent, Instant checkedAt, List<ViewGaps> views,
                         List<SkippedEvent> skippedEvents) {
    }

    /** One view and how many positions its processor gave up on (all empty while the view is consistent). */
    public record ViewGaps(String view, long droppedPositions) {
    }

    private final DroppedGapStore droppedGaps;
    private final EventProcessingConfiguration processing;
    private final Clock clock;
    private final Duration interval;
    private final AtomicLong skippedCount = new AtomicLong();

    public Reconciliation(DroppedGapStore droppedGaps, EventProcessingConfiguration processing, Clock clock,
                          StoreProperties store, MeterRegistry meters) {
        this.droppedGaps = droppedGaps;
        this.processing = processing;
        this.clock = clock;
        this.interval = store.reconciliationInterval();
        Gauge.builder("ledger.reconciliation.skipped.events", skippedCount, AtomicLong::get)
                .description("Events a view skipped: committed at a position its processor had given up on")
                .register(meters);
    }

    /** Compares the event store with what each view's processor passed, and reports skipped events. */
    public Report check() {
        List<SkippedEvent> skipped = droppedGaps.skippedEvents();
        skippedCount.set(skipped.size());
        for (SkippedEvent event : skipped) {
            LOG.error("View {} skipped event {} ({} #{} of stream {}): it committed after the view's processor had "
                            + "passed its position. Rebuild the view or reset its token.", event.view(),
                    event.globalIndex(), event.payloadType(), event.sequenceNumber(), event.streamId());
        }
        List<ViewGaps> views = processing.eventProcessors().entrySet().stream()
                .filter(processor -> processor.getValue() instanceof StreamingEventProcessor)
                .map(processor -> new ViewGaps(processor.getKey(), droppedGaps.watchedCount(processor.getKey())))
                .sorted(java.util.Comparator.comparing(ViewGaps::view))
                .toList();
        return new Report(skipped.isEmpty(), clock.instant(), views, skipped);
    }

    @Override
    public Health health() {
        Report report = check();
        Health.Builder health = report.consistent() ? Health.up() : Health.down();
        return health.withDetail("skippedEvents", report.skippedEvents().size()).build();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::checkAndTidy, interval);
    }

    private void checkAndTidy() {
        try {
            check();
            droppedGaps.forgetEmptyBefore(clock.instant().minus(EMPTY_GAP_RETENTION));
        } catch (RuntimeException failure) {
            LOG.warn("Reconciliation check failed to run; it runs again in {}", interval, failure);
        }
    }
}
