package io.ledger.ops.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import java.util.UUID;

/**
 * Writes events into a ledger database exactly as the service's Axon JDBC event store does (same table and
 * columns, timestamps as ISO strings in milliseconds, Jackson-serialized payloads and metadata with the service's
 * settings), in batches. For tests and for generating benchmark stores; the tool under test only reads them.
 */
final class EventStoreWriter implements AutoCloseable {

    private static final int BATCH = 1_000;
    /** Axon writes event timestamps with exactly three fraction digits. */
    static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    static final ObjectMapper SERVICE_JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Connection connection;
    private final PreparedStatement insert;
    private final Random ids = new Random(7);
    private int pending;

    EventStoreWriter(Connection connection) throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(false);
        this.insert = connection.prepareStatement("INSERT INTO DomainEventEntry (eventIdentifier, "
                + "aggregateIdentifier, sequenceNumber, type, timeStamp, payloadType, payloadRevision, payload, "
                + "metaData) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }

    /** Creates the service's schema with its own migrations, as the service does on start-up. */
    static void migrate(String url, String user, String password) {
        String vendor = url.startsWith("jdbc:postgresql:") ? "postgresql" : "h2";
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration/" + vendor)
                .load().migrate();
    }

    void append(GeneratedEvent event) {
        try {
            insert.setString(1, new UUID(ids.nextLong(), ids.nextLong()).toString());
            insert.setString(2, event.aggregateId());
            insert.setLong(3, event.sequenceNumber());
            insert.setString(4, event.aggregateType());
            insert.setString(5, TIMESTAMP.format(event.recordedAt()));
            insert.setString(6, event.payload().getClass().getName());
            insert.setString(7, "1");
            insert.setBytes(8, SERVICE_JSON.writeValueAsBytes(event.payload()));
            insert.setBytes(9, SERVICE_JSON.writeValueAsBytes(event.metadata()));
            insert.addBatch();
            if (++pending == BATCH) {
                flush();
            }
        } catch (SQLException | JsonProcessingException failure) {
            throw new IllegalStateException("Could not write event of " + event.aggregateId(), failure);
        }
    }

    void flush() throws SQLException {
        if (pending > 0) {
            insert.executeBatch();
            connection.commit();
            pending = 0;
        }
    }

    @Override
    public void close() throws SQLException {
        flush();
        insert.close();
    }
}
