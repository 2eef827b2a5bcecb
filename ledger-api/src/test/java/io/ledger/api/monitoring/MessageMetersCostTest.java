package io.ledger.api.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one message costs a view's monitor: axon-micrometer's (as its dimensional auto-configuration builds it for an
 * event processor) against {@link MessageMeters}, in a Prometheus registry that holds other meters too, as the
 * service's does. A measurement, not part of the suite (docs/performance.md, eleventh round):
 *
 * <pre>
 * ./mvnw -pl ledger-api verify -Dtest=MessageMetersCostTest -Dledger.measure.monitors=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "ledger.measure.monitors", matches = "true")
class MessageMetersCostTest {

    private static final int MESSAGES = 300_000;
    private static final int ROUNDS = 3;

    record TransferRecorded(String id) {
    }

    record AccountDebited(String id) {
    }

    record AccountCredited(String id) {
    }

    @Test
    void ledgerMetersCostAFractionOfAxonsPerMessage() {
        List<Long> axon = new ArrayList<>();
        List<Long> ledger = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            axon.add(nanosPerMessage(registry -> axonMonitor(registry)));
            ledger.add(nanosPerMessage(registry -> MessageMeters.forComponent(registry, TrackingEventProcessor.class,
                    "balances", Clock.systemUTC())));
        }
        System.out.printf("ns per message, %d rounds: axon-micrometer %s, MessageMeters %s%n", ROUNDS, axon, ledger);

        // Measured at 20 to 30 times cheaper; a factor of five leaves room for a busy machine.
        assertThat(median(ledger) * 5).as("MessageMeters %s vs axon-micrometer %s", ledger, axon)
                .isLessThan(median(axon));
    }

    @SuppressWarnings("unchecked")
    private static MessageMonitor<Message<?>> axonMonitor(PrometheusMeterRegistry registry) {
        return (MessageMonitor<Message<?>>) new GlobalMetricRegistry(registry)
                .registerComponentWithDefaultTags(TrackingEventProcessor.class, "balances");
    }

    private static long nanosPerMessage(Function<PrometheusMeterRegistry, MessageMonitor<Message<?>>> monitorIn) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        for (int i = 0; i < 500; i++) {
            Counter.builder("other.meter" + (i % 50)).tag("instance", "i" + i).register(registry);
        }
        MessageMonitor<Message<?>> monitor = monitorIn.apply(registry);
        List<EventMessage<?>> events = threeKindsOfEvents();
        run(monitor, events);
        long start = System.nanoTime();
        run(monitor, events);
        return (System.nanoTime() - start) / MESSAGES;
    }

    private static void run(MessageMonitor<Message<?>> monitor, List<EventMessage<?>> events) {
        for (int i = 0; i < MESSAGES; i++) {
            monitor.onMessageIngested(events.get(i % events.size())).reportSuccess();
        }
    }

    private static List<EventMessage<?>> threeKindsOfEvents() {
        List<EventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < 999; i++) {
            Object payload = switch (i % 3) {
                case 0 -> new TransferRecorded("t" + i);
                case 1 -> new AccountDebited("d" + i);
                default -> new AccountCredited("c" + i);
            };
            events.add(GenericEventMessage.asEventMessage(payload));
        }
        return events;
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
