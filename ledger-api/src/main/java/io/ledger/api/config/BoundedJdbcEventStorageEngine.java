package io.ledger.api.config;

import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Axon's JDBC event store, with every write transaction bounded from the moment its events are stamped to its
 * commit.
 *
 * <p>Why: the views' processors give up on a gap in the global index once the events after it are older than the
 * gap timeout. A transaction that inserted its events and commits only later would fill a gap the processors may
 * already have given up on, and its events would never reach the views. So:
 * <ul>
 *   <li>right before the insert, a unit of work whose events were stamped longer ago than the append deadline is
 *   refused (it rolls back; nothing is written and the client is told to retry);</li>
 *   <li>on PostgreSQL, the same transaction then gets a {@code statement_timeout} and an
 *   {@code idle_in_transaction_session_timeout} of its own ({@code SET LOCAL}), which cut the insert, a stall
 *   before the commit, and the commit. They apply from the insert on only: before it, a transaction may wait for
 *   the in-memory locks of busy accounts without risk, because it has no position in the event store yet.</li>
 * </ul>
 * PostgreSQL 14 has no {@code transaction_timeout} (it arrived in 17); these limits bound the transaction instead.
 *
 * <p>The ledger takes no snapshots (busy accounts stay in the write side's cache instead; docs/performance.md
 * says why snapshots were dropped), so it never looks for one: Axon would otherwise query the empty snapshot
 * table before every aggregate load, once per command.
 */
final class BoundedJdbcEventStorageEngine extends JdbcEventStorageEngine {

    static final String APPEND_LATENCY = "ledger.eventstore.append";
    static final String APPEND_SIZE = "ledger.eventstore.append.events";

    private final Duration appendDeadline;
    private final Clock clock;
    private final String transactionLimitsSql;
    private final Timer appendLatency;
    private final DistributionSummary appendSize;

    /**
     * @param transactionLimitsSql the statement that sets the transaction's limits, or null where the database
     *                             has none to set (H2)
     * @param meters               where the append's latency ({@value #APPEND_LATENCY}) and size
     *                             ({@value #APPEND_SIZE}) are recorded
     */
    BoundedJdbcEventStorageEngine(Builder builder, Duration appendDeadline, Clock clock,
                                  String transactionLimitsSql, MeterRegistry meters) {
        super(builder);
        this.appendDeadline = appendDeadline;
        this.clock = clock;
        this.transactionLimitsSql = transactionLimitsSql;
        // Axon's event store monitor times each event from its publication in a handler to the end of the unit
        // of work; the database's own share, the insert, is only visible here.
        this.appendLatency = Timer.builder(APPEND_LATENCY)
                .description("Appending one unit of work's events to the event store: the deadline check, the "
                        + "transaction limits and the insert, not the commit")
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
                        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
                        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2))
                .register(meters);
        this.appendSize = DistributionSummary.builder(APPEND_SIZE)
                .description("Events appended by one unit of work")
                .baseUnit("events")
                .serviceLevelObjectives(1, 2, 3, 5, 10, 50, 100, 500, 1000, 3000)
                .register(meters);
    }

    /** The PostgreSQL statement that limits the rest of the current transaction; zero means no limit. */
    static String postgresTransactionLimits(StoreProperties store) {
        return "SELECT set_config('statement_timeout', '" + store.statementTimeout().toMillis() + "', true), "
                + "set_config('idle_in_transaction_session_timeout', '"
                + store.idleInTransactionTimeout().toMillis() + "', true)";
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return Optional.empty();
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        throw new UnsupportedOperationException("The ledger takes no snapshots; none may be stored for "
                + snapshot.getAggregateIdentifier());
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            super.appendEvents(events, serializer);
            return;
        }
        long start = System.nanoTime();
        try {
            requireWithinDeadline(events.get(0).getTimestamp());
            limitTheRestOfTheTransaction();
            super.appendEvents(events, serializer);
        } finally {
            appendLatency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            appendSize.record(events.size());
        }
    }

    private void requireWithinDeadline(Instant stamped) {
        Duration age = Duration.between(stamped, clock.instant());
        if (age.compareTo(appendDeadline) > 0) {
            throw new LedgerException(LedgerErrorCode.TRANSACTION_TIMEOUT, "The write took " + age.toMillis()
                    + " ms, longer than the ledger allows; nothing was written. Retry with the same id.");
        }
    }

    /** Runs on the transaction's own connection; closing it here only hands it back to the transaction. */
    private void limitTheRestOfTheTransaction() {
        if (transactionLimitsSql == null) {
            return;
        }
        try (Connection connection = getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(transactionLimitsSql);
        } catch (SQLException failure) {
            throw new JdbcException("Could not limit the write transaction", failure);
        }
    }
}
