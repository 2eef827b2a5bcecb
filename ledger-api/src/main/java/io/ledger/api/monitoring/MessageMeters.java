package io.ledger.api.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.queryhandling.QueryBus;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The meters of Axon's message monitors (axon-micrometer, dimensional: {@code commandBus.successCounter} with the
 * tag {@code payloadType}, {@code eventProcessor.allTimer} with {@code processorName} too, ...), registered once per
 * payload type and then only counted and timed.
 *
 * <p>Why not axon-micrometer's own monitors: they look every meter up in the registry again for every message
 * (four timers and five counters, each a builder, a tag list and a registry lookup, plus a sliding window for the
 * capacity), which was 30 % of the views' CPU while they were the bottleneck of batches (docs/performance.md,
 * eleventh round). Two differences: the timers keep count, total and maximum but no client-side quantiles (they
 * cannot be combined across nodes; the ledger's own latency histograms can), and there is no {@code capacity}
 * gauge: {@code rate(<prefix>_allTimer_seconds_sum[1m])} is the same figure, the handler threads busy on average.
 */
public final class MessageMeters implements MessageMonitor<Message<?>> {

    private final MeterRegistry registry;
    private final String prefix;
    private final Tags componentTags;
    private final Map<Class<?>, PayloadMeters> byPayloadType = new ConcurrentHashMap<>();
    /** How old the last event a processor handled was when it got it; null for other components. */
    private final AtomicLong lastEventAgeMillis;
    private final Clock clock;

    private MessageMeters(MeterRegistry registry, String prefix, Tags componentTags, boolean eventLatency,
                          Clock clock) {
        this.registry = registry;
        this.prefix = prefix;
        this.componentTags = componentTags;
        this.clock = clock;
        this.lastEventAgeMillis = eventLatency ? new AtomicLong() : null;
        if (eventLatency) {
            Gauge.builder(prefix + ".latency", lastEventAgeMillis, AtomicLong::get).tags(componentTags)
                    .description("How old (ms) the last event this processor handled was when it handled it")
                    .register(registry);
        }
    }

    /**
     * The monitor Axon asks for, by the type and name of the component it monitors: the command bus, the event
     * store (an event bus), the query bus and each event processor; nothing for the others (the query update
     * emitter, deadline managers), as with axon-micrometer.
     */
    public static MessageMonitor<Message<?>> forComponent(MeterRegistry registry, Class<?> componentType,
                                                          String componentName, Clock clock) {
        if (EventProcessor.class.isAssignableFrom(componentType)) {
            return new MessageMeters(registry, "eventProcessor", Tags.of("processorName", componentName), true,
                    clock);
        }
        if (CommandBus.class.isAssignableFrom(componentType) || EventBus.class.isAssignableFrom(componentType)
                || QueryBus.class.isAssignableFrom(componentType)) {
            return new MessageMeters(registry, componentName, Tags.empty(), false, clock);
        }
        return NoOpMessageMonitor.instance();
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        PayloadMeters meters = metersFor(message.getPayloadType());
        meters.ingested.increment();
        if (lastEventAgeMillis != null && message instanceof EventMessage<?> event) {
            lastEventAgeMillis.set(Math.max(0, clock.millis() - event.getTimestamp().toEpochMilli()));
        }
        long start = System.nanoTime();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                meters.ended(meters.success, meters.successTimer, start, true);
            }

            @Override
            public void reportFailure(Throwable cause) {
                meters.ended(meters.failure, meters.failureTimer, start, true);
            }

            @Override
            public void reportIgnored() {
                meters.ended(meters.ignored, meters.ignoredTimer, start, false);
            }
        };
    }

    private PayloadMeters metersFor(Class<?> payloadType) {
        PayloadMeters meters = byPayloadType.get(payloadType);
        return meters != null ? meters : byPayloadType.computeIfAbsent(payloadType, this::register);
    }

    private PayloadMeters register(Class<?> payloadType) {
        Tags tags = componentTags.and("payloadType", payloadType.getSimpleName());
        return new PayloadMeters(counter("ingestedCounter", tags), counter("successCounter", tags),
                counter("failureCounter", tags), counter("ignoredCounter", tags), counter("processedCounter", tags),
                timer("allTimer", tags), timer("successTimer", tags), timer("failureTimer", tags),
                timer("ignoredTimer", tags));
    }

    private Counter counter(String name, Tags tags) {
        return Counter.builder(prefix + "." + name).tags(tags).register(registry);
    }

    private Timer timer(String name, Tags tags) {
        return Timer.builder(prefix + "." + name).tags(tags).register(registry);
    }

    private record PayloadMeters(Counter ingested, Counter success, Counter failure, Counter ignored,
                                 Counter processed, Timer all, Timer successTimer, Timer failureTimer,
                                 Timer ignoredTimer) {

        /** A message done with: its outcome counted and timed; as in Axon, an ignored one is not "processed". */
        void ended(Counter outcome, Timer outcomeTimer, long startNanos, boolean countAsProcessed) {
            long nanos = System.nanoTime() - startNanos;
            outcome.increment();
            if (countAsProcessed) {
                processed.increment();
            }
            all.record(nanos, TimeUnit.NANOSECONDS);
            outcomeTimer.record(nanos, TimeUnit.NANOSECONDS);
        }
    }
}
