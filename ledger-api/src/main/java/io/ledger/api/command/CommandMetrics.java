package io.ledger.api.command;

import io.ledger.core.CommandOutcome;
import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.transfer.BatchItemResult;
import io.ledger.core.transfer.BatchResult;
import io.ledger.core.transfer.ExecuteBatchCommand;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The ledger's own command meters (docs/performance.md, "Metrics"): how many commands of each type ended how, how
 * long they took, how often they lost a write race and were retried, and how large batches are.
 *
 * <p>Axon's command bus monitor cannot tell these outcomes apart: a repeat is a success to it and a refusal a
 * failure like any crash. The outcome is known only where {@link LedgerCommands} sees the answer.
 *
 * <p>The meters of one command type are looked up once and kept, so that a command costs a map lookup by its class
 * and the recording itself, not a registry lookup with tag strings built each time.
 */
@Component
public class CommandMetrics implements TransferGroupCommit.Meters {

    static final String COMMANDS = "ledger.commands";
    static final String LATENCY = "ledger.command.latency";
    static final String CONFLICTS = "ledger.command.conflicts";
    static final String BATCH_SIZE = "ledger.batch.size";
    static final String BATCH_ITEMS = "ledger.batch.items";
    static final String TRANSFER_GROUP_SIZE = "ledger.transfer.group.size";
    static final String TRANSFER_GROUP_FAILED = "ledger.transfer.group.failed";

    /** Buckets wide enough for a repeat served from the cache and for a write that waited for busy accounts. */
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2),
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};
    private static final double[] BATCH_BUCKETS = {1, 10, 50, 100, 250, 500, 1000};
    private static final double[] GROUP_BUCKETS = {1, 2, 4, 8, 16, 32, 64};
    private static final String NO_CODE = "none";

    private final MeterRegistry registry;
    private final Map<Class<?>, TypeMeters> byType = new ConcurrentHashMap<>();
    private final Map<Boolean, DistributionSummary> batchSizes = new ConcurrentHashMap<>();
    private final Map<BatchItemResult.Status, Counter> batchItems = new EnumMap<>(BatchItemResult.Status.class);
    private final DistributionSummary transferGroupSizes;
    private final Counter transferGroupsFailed;

    public CommandMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (BatchItemResult.Status status : BatchItemResult.Status.values()) {
            batchItems.put(status, Counter.builder(BATCH_ITEMS)
                    .description("Items of batches, by how each ended")
                    .tag("outcome", status.name().toLowerCase())
                    .register(registry));
        }
        for (boolean atomic : new boolean[]{true, false}) {
            batchSizes.put(atomic, DistributionSummary.builder(BATCH_SIZE)
                    .description("Items per batch command")
                    .baseUnit("items")
                    .tag("atomic", Boolean.toString(atomic))
                    .serviceLevelObjectives(BATCH_BUCKETS)
                    .register(registry));
        }
        transferGroupSizes = DistributionSummary.builder(TRANSFER_GROUP_SIZE)
                .description("Single transfers written together in one transaction (group commit)")
                .baseUnit("transfers")
                .serviceLevelObjectives(GROUP_BUCKETS)
                .register(registry);
        transferGroupsFailed = Counter.builder(TRANSFER_GROUP_FAILED)
                .description("Groups of single transfers that failed as a whole and were written one by one")
                .register(registry);
    }

    /**
     * A command answered. A {@link CommandOutcome} tells whether it was created or repeated an earlier one (and
     * wrote nothing); a batch's answer holds an outcome per item ({@link #batchItems}), so the batch as a whole
     * counts as completed.
     */
    void answered(Class<?> type, Object answer, long nanos) {
        TypeMeters meters = meters(type);
        if (answer instanceof CommandOutcome<?> outcome) {
            (outcome.repeated() ? meters.repeated : meters.created).record(nanos);
        } else {
            meters.completed().record(nanos);
        }
    }

    /** A command refused with a ledger error code: a business refusal, or contention and timeouts (503). */
    void refused(Class<?> type, LedgerErrorCode code, long nanos) {
        meters(type).refused(code).record(nanos);
    }

    /** A command that failed with anything but a ledger refusal: a bug or an unavailable database (500). */
    void failed(Class<?> type, long nanos) {
        meters(type).failed.record(nanos);
    }

    /** A write conflict that is about to be retried. */
    void conflictRetried(Class<?> type) {
        meters(type).conflicts.increment();
    }

    /** The size of a batch as sent, whether it is then answered or refused as a whole. */
    void batchSize(ExecuteBatchCommand batch) {
        batchSizes.get(batch.atomic()).record(batch.items().size());
    }

    /** How the items of an answered batch ended. */
    void batchItems(BatchResult result) {
        for (BatchItemResult item : result.items()) {
            batchItems.get(item.status()).increment();
        }
    }

    /** How many single transfers a group writer took at once (1: written alone, as no other was waiting). */
    @Override
    public void transferGroup(int members) {
        transferGroupSizes.record(members);
    }

    /** A group that failed as a whole, nothing written; its members were then written one by one. */
    @Override
    public void transferGroupFailed() {
        transferGroupsFailed.increment();
    }

    private TypeMeters meters(Class<?> type) {
        TypeMeters meters = byType.get(type);
        return meters != null ? meters : byType.computeIfAbsent(type, key -> new TypeMeters(key.getSimpleName()));
    }

    /**
     * One outcome of one command type: a counter of commands and a timer of their latency. The timer counts too, but
     * {@code ledger_commands_total} is what a dashboard of commands per second looks for; the counter costs one
     * increment more.
     */
    private record Outcome(Counter count, Timer latency) {
        void record(long nanos) {
            count.increment();
            latency.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** The meters of one command type, created with its first command. */
    private final class TypeMeters {
        private final String type;
        private final Outcome created;
        private final Outcome repeated;
        private final Outcome failed;
        private final Counter conflicts;
        private volatile Outcome completed;
        private final Map<LedgerErrorCode, Outcome> refused = new ConcurrentHashMap<>();

        TypeMeters(String type) {
            this.type = type;
            this.created = outcome("created", NO_CODE);
            this.repeated = outcome("repeated", NO_CODE);
            this.failed = outcome("failed", NO_CODE);
            this.conflicts = Counter.builder(CONFLICTS)
                    .description("Write conflicts with a concurrent writer that were retried")
                    .tag("type", type)
                    .register(registry);
        }

        /** Only batches complete; other types do not get an always-zero series for it. */
        Outcome completed() {
            Outcome outcome = completed;
            if (outcome == null) {
                outcome = outcome("completed", NO_CODE);
                completed = outcome;
            }
            return outcome;
        }

        Outcome refused(LedgerErrorCode code) {
            Outcome outcome = refused.get(code);
            return outcome != null ? outcome : refused.computeIfAbsent(code, key -> outcome("refused", key.name()));
        }

        private Outcome outcome(String outcome, String code) {
            Counter count = Counter.builder(COMMANDS)
                    .description("Commands sent by the ledger, by type and outcome")
                    .tags("type", type, "outcome", outcome, "code", code)
                    .register(registry);
            Timer latency = Timer.builder(LATENCY)
                    .description("How long a command took from dispatch to answer, retries after write conflicts "
                            + "included")
                    .tags("type", type, "outcome", outcome, "code", code)
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .register(registry);
            return new Outcome(count, latency);
        }
    }
}
