package io.ledger.api.config;

import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Axon's JDBC event store that refuses to append events stamped longer ago than the append deadline.
 *
 * <p>Why: the views' processors give up on a gap in the global index once the events after it are older than the
 * gap timeout. A unit of work that stamped its events long ago and commits only now would fill a gap that the
 * processors may already have given up on, and its events would never reach the views. Checking right before the
 * insert bounds the time from stamp to insert; PostgreSQL's statement timeout bounds the insert and the commit.
 * The unit of work rolls back, so nothing is written and the client is told to retry.
 */
final class BoundedJdbcEventStorageEngine extends JdbcEventStorageEngine {

    private final Duration appendDeadline;
    private final Clock clock;

    BoundedJdbcEventStorageEngine(Builder builder, Duration appendDeadline, Clock clock) {
        super(builder);
        this.appendDeadline = appendDeadline;
        this.clock = clock;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (!events.isEmpty()) {
            requireWithinDeadline(events.get(0).getTimestamp());
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
}
