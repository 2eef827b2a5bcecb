package io.ledger.api.config;

import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;
import org.axonframework.common.jdbc.JdbcException;
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
 */
final class BoundedJdbcEventStorageEngine extends JdbcEventStorageEngine {

    private final Duration appendDeadline;
    private final Clock clock;
    private final String transactionLimitsSql;

    /**
     * @param transactionLimitsSql the statement that sets the transaction's limits, or null where the database
     *                             has none to set (H2)
     */
    BoundedJdbcEventStorageEngine(Builder builder, Duration appendDeadline, Clock clock,
                                  String transactionLimitsSql) {
        super(builder);
        this.appendDeadline = appendDeadline;
        this.clock = clock;
        this.transactionLimitsSql = transactionLimitsSql;
    }

    /** The PostgreSQL statement that limits the rest of the current transaction; zero means no limit. */
    static String postgresTransactionLimits(StoreProperties store) {
        return "SELECT set_config('statement_timeout', '" + store.statementTimeout().toMillis() + "', true), "
                + "set_config('idle_in_transaction_session_timeout', '"
                + store.idleInTransactionTimeout().toMillis() + "', true)";
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (!events.isEmpty()) {
            requireWithinDeadline(events.get(0).getTimestamp());
            limitTheRestOfTheTransaction();
        }
        super.appendEvents(events, serializer);
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
