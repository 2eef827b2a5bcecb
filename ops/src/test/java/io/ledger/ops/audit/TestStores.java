package io.ledger.ops.audit;

import io.ledger.ops.store.EventReader;
import io.ledger.ops.store.StoredEvent;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Ledger databases for tests: the service's schema, filled with a synthetic history. */
final class TestStores {

    static final Instant START = Instant.parse("2026-06-01T08:00:00Z");

    private TestStores() {
    }

    /** A new H2 file database in {@code dir} with the service's schema. */
    static String h2(Path dir) {
        String url = "jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath();
        EventStoreWriter.migrate(url, "sa", "");
        return url;
    }

    /** Appends a synthetic history of about {@code events} events; returns how many were written. */
    static long fill(String url, String user, String password, long seed, int customersPerCurrency, long events)
            throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             EventStoreWriter writer = new EventStoreWriter(connection)) {
            return new SyntheticLedger(seed, customersPerCurrency, START, writer::append).generate(events);
        }
    }

    /** Every event of the store, as the tool reads it. */
    static List<StoredEvent> read(String url, String user, String password) throws SQLException {
        List<StoredEvent> events = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            new EventReader(connection).stream(0, Long.MAX_VALUE, events::add);
        }
        return events;
    }
}
