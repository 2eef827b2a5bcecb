package io.ledger.api;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Holds up the next writer of one event stream on PostgreSQL: an open transaction that inserted, without
 * committing, a row taking sequence 0 of the stream. PostgreSQL numbers the writer's insert (its global position),
 * then makes it wait on the unique key until {@link #release()}; the writer then goes on and commits later than
 * events numbered after it.
 */
final class StreamBlocker implements AutoCloseable {

    private final Connection connection;

    /** Blocks {@code stream}; the copied row comes from {@code account:bob}'s first event, which must exist. */
    StreamBlocker(String url, String stream) throws SQLException {
        connection = DriverManager.getConnection(url, "postgres", "");
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO DomainEventEntry (eventIdentifier, "
                + "aggregateIdentifier, sequenceNumber, type, timeStamp, payloadType, payloadRevision, payload, "
                + "metaData) SELECT 'blocker', ?, 0, type, timeStamp, payloadType, payloadRevision, payload, metaData "
                + "FROM DomainEventEntry WHERE aggregateIdentifier = 'account:bob' AND sequenceNumber = 0")) {
            insert.setString(1, stream);
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }

    /** Waits until some session of the database waits on a lock: the writer's insert is held up. */
    void awaitWriterWaiting() {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            try (PreparedStatement waiting = connection.prepareStatement("SELECT COUNT(*) FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND wait_event_type = 'Lock'");
                 ResultSet count = waiting.executeQuery()) {
                return count.next() && count.getLong(1) > 0;
            }
        });
    }

    /** Rolls the blocking row back: the writer goes on. */
    void release() throws SQLException {
        connection.rollback();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
