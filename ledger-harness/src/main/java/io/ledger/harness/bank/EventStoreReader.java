package io.ledger.harness.bank;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads the whole event store over JDBC, in commit-independent insertion order, read-only. */
final class EventStoreReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventStoreReader() {
    }

    static List<StoredEvent> readAll(StoreLocation store) throws SQLException {
        try (Connection connection = DriverManager.getConnection(store.jdbcUrl(), store.user(), store.password())) {
            connection.setReadOnly(true);
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT globalIndex, aggregateIdentifier, sequenceNumber,"
                         + " payloadType, payload FROM DomainEventEntry ORDER BY globalIndex")) {
                List<StoredEvent> events = new ArrayList<>();
                while (rows.next()) {
                    events.add(event(rows));
                }
                return events;
            }
        }
    }

    private static StoredEvent event(ResultSet row) throws SQLException {
        String payloadType = row.getString(4);
        try {
            return new StoredEvent(row.getLong(1), row.getString(2), row.getLong(3),
                    payloadType.substring(payloadType.lastIndexOf('.') + 1), JSON.readTree(row.getBytes(5)));
        } catch (IOException unreadable) {
            throw new IllegalStateException("Event " + row.getLong(1) + " has a payload that is not JSON",
                    unreadable);
        }
    }
}
