package io.ledger.api.monitoring;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MessageMonitor.MonitorCallback;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger's stand-in for axon-micrometer's monitors: the same meter names and tags, counted and timed per
 * outcome, and registered once per payload type however many messages pass.
 */
class MessageMetersTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    record Deposit(String id) {
    }

    record Withdrawal(String id) {
    }

    @Test
    void countsAndTimesEachOutcomeByPayloadTypeOnTheCommandBus() {
        MessageMonitor<org.axonframework.messaging.Message<?>> monitor =
                MessageMeters.forComponent(registry, SimpleCommandBus.class, "commandBus", clock);

        monitor.onMessageIngested(GenericCommandMessage.asCommandMessage(new Deposit("a"))).reportSuccess();
        monitor.onMessageIngested(GenericCommandMessage.asCommandMessage(new Deposit("b"))).reportSuccess();
        monitor.onMessageIngested(GenericCommandMessage.asCommandMessage(new Deposit("c")))
                .reportFailure(new IllegalStateException("refused"));
        monitor.onMessageIngested(GenericCommandMessage.asCommandMessage(new Withdrawal("d"))).reportIgnored();

        assertThat(count("commandBus.ingestedCounter", "Deposit")).isEqualTo(3);
        assertThat(count("commandBus.successCounter", "Deposit")).isEqualTo(2);
        assertThat(count("commandBus.failureCounter", "Deposit")).isEqualTo(1);
        assertThat(count("commandBus.processedCounter", "Deposit")).isEqualTo(3);
        assertThat(count("commandBus.ignoredCounter", "Deposit")).isZero();
        assertThat(registry.get("commandBus.allTimer").tag("payloadType", "Deposit").timer().count()).isEqualTo(3);
        assertThat(registry.get("commandBus.successTimer").tag("payloadType", "Deposit").timer().count())
                .isEqualTo(2);
        assertThat(registry.get("commandBus.failureTimer").tag("payloadType", "Deposit").timer().count())
                .isEqualTo(1);

        // As in Axon, an ignored message is counted and timed as ignored, not as processed.
        assertThat(count("commandBus.ignoredCounter", "Withdrawal")).isEqualTo(1);
        assertThat(count("commandBus.processedCounter", "Withdrawal")).isZero();
        assertThat(registry.get("commandBus.ignoredTimer").tag("payloadType", "Withdrawal").timer().count())
                .isEqualTo(1);
    }

    @Test
    void timesFromIngestionToTheOutcome() throws InterruptedException {
        MessageMonitor<org.axonframework.messaging.Message<?>> monitor =
                MessageMeters.forComponent(registry, EmbeddedEventStore.class, "eventStore", clock);

        MonitorCallback callback = monitor.onMessageIngested(GenericEventMessage.asEventMessage(new Deposit("a")));
        Thread.sleep(20);
        callback.reportSuccess();

        assertThat(registry.get("eventStore.allTimer").tag("payloadType", "Deposit").timer()
                .totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(20);
    }

    @Test
    void registersEachMeterOnceHoweverManyMessagesPass() {
        MessageMonitor<org.axonframework.messaging.Message<?>> monitor =
                MessageMeters.forComponent(registry, TrackingEventProcessor.class, "balances", clock);
        monitor.onMessageIngested(event(new Deposit("first"), NOW)).reportSuccess();
        List<Meter> afterOne = registry.getMeters();

        for (int i = 0; i < 1_000; i++) {
            monitor.onMessageIngested(event(new Deposit("d" + i), NOW)).reportSuccess();
        }

        assertThat(registry.getMeters()).containsExactlyInAnyOrderElementsOf(afterOne);
        assertThat(registry.get("eventProcessor.successCounter").tag("processorName", "balances")
                .tag("payloadType", "Deposit").counter().count()).isEqualTo(1_001);
    }

    @Test
    void aProcessorShowsHowOldTheLastEventItHandledWas() {
        MessageMonitor<org.axonframework.messaging.Message<?>> monitor =
                MessageMeters.forComponent(registry, TrackingEventProcessor.class, "compliance", clock);

        monitor.onMessageIngested(event(new Deposit("old"), NOW.minusMillis(2_500))).reportSuccess();
        assertThat(registry.get("eventProcessor.latency").tag("processorName", "compliance").gauge().value())
                .isEqualTo(2_500);

        monitor.onMessageIngested(event(new Deposit("new"), NOW.minusMillis(40))).reportSuccess();
        assertThat(registry.get("eventProcessor.latency").tag("processorName", "compliance").gauge().value())
                .isEqualTo(40);
    }

    @Test
    void componentsWithoutMetersGetNone() {
        assertThat(MessageMeters.forComponent(registry, SimpleQueryUpdateEmitter.class, "queryUpdateEmitter", clock))
                .isSameAs(NoOpMessageMonitor.instance());
        assertThat(registry.getMeters()).isEmpty();
    }

    private double count(String name, String payloadType) {
        return registry.get(name).tag("payloadType", payloadType).counter().count();
    }

    private static EventMessage<?> event(Object payload, Instant timestamp) {
        return new GenericEventMessage<>(payload.getClass().getName(), payload, MetaData.emptyInstance(), timestamp);
    }
}
