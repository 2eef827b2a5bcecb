package io.ledger.api.command;

import io.ledger.api.command.ProjectionLag.ViewLag;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Gauges of each view's distance from the event store (docs/performance.md, "Metrics"; docs/operations.md,
 * "Watching the views"): {@code ledger.projection.lag.events}, {@code ledger.projection.position} and
 * {@code ledger.projection.running}, tagged by view, and {@code ledger.eventstore.head}.
 *
 * <p>A gauge is read only when metrics are scraped. Reading the lag asks the database for the head of the event
 * store, so one scrape reads it once for all gauges: the answer is kept for {@link #REUSE_NANOS}, which is far
 * shorter than any scrape interval.
 */
@Component
public class ProjectionMetrics {

    static final String LAG = "ledger.projection.lag.events";
    static final String POSITION = "ledger.projection.position";
    static final String RUNNING = "ledger.projection.running";
    static final String HEAD = "ledger.eventstore.head";

    private static final long REUSE_NANOS = 1_000_000_000L;

    private final ProjectionLag lag;
    private final MeterRegistry registry;
    private volatile Snapshot last;

    private record Snapshot(long takenAt, List<ViewLag> views) {
    }

    public ProjectionMetrics(ProjectionLag lag, MeterRegistry registry) {
        this.lag = lag;
        this.registry = registry;
    }

    /**
     * The views are Axon's streaming processors, known once Axon's configuration has started; they do not change
     * while the service runs.
     */
    @EventListener(ApplicationStartedEvent.class)
    public void registerGauges() {
        Gauge.builder(HEAD, this, metrics -> metrics.head())
                .description("Position of the newest event in the event store")
                .register(registry);
        for (ViewLag view : lag.views()) {
            gauge(LAG, view.view(), "Events the view has not processed yet", ViewLag::lagEvents);
            gauge(POSITION, view.view(), "Position in the event store the view has reached on this node",
                    ViewLag::viewPosition);
            gauge(RUNNING, view.view(), "1 while the view's processor runs on this node, 0 when stopped",
                    found -> found.running() ? 1 : 0);
        }
    }

    private void gauge(String name, String view, String description, ToDoubleFunction<ViewLag> value) {
        Gauge.builder(name, this, metrics -> metrics.read(view, value))
                .description(description)
                .tag("view", view)
                .register(registry);
    }

    private double read(String view, ToDoubleFunction<ViewLag> value) {
        for (ViewLag found : snapshot().views()) {
            if (found.view().equals(view)) {
                return value.applyAsDouble(found);
            }
        }
        return Double.NaN;
    }

    private double head() {
        List<ViewLag> views = snapshot().views();
        return views.isEmpty() ? Double.NaN : views.get(0).headPosition();
    }

    private Snapshot snapshot() {
        Snapshot snapshot = last;
        long now = System.nanoTime();
        if (snapshot == null || now - snapshot.takenAt() > REUSE_NANOS) {
            snapshot = new Snapshot(now, lag.views());
            last = snapshot;
        }
        return snapshot;
    }
}
