package io.ledger.harness.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ledger.harness.PostgresServer;
import org.postgresql.PGConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * How fast PostgreSQL on this machine takes in a view rebuild's statement entries, in three shapes: JDBC batch
 * inserts into the table with its secondary indexes (what the rebuild did before), the same inserts with the indexes
 * built after the load (what it does now), and {@code COPY} with the indexes built after. Every shape loads the same
 * generated rows in the rebuild's chunks, one transaction per chunk, with durable commits, then refreshes the
 * table's statistics; the shapes alternate within each round. It measures the database's floor for the rebuild's
 * writes, without the service: see docs/performance.md, "Sixth round".
 */
@Command(name = "pg-load-shapes", mixinStandardHelpOptions = true,
        description = "Times loading statement entries into PostgreSQL: inserts with indexes, inserts then "
                + "indexes, COPY then indexes.")
public final class PgLoadShapesCommand implements Callable<Integer> {

    /** The shape of statement_entry_b (migrations V8, V10, V12); the primary key stays in every shape. */
    private static final String TABLE = """
            CREATE TABLE statement_entry_probe (
                account_id VARCHAR(64) NOT NULL, entry_seq BIGINT NOT NULL, position BIGINT NOT NULL,
                recorded_at TIMESTAMP(6) WITH TIME ZONE NOT NULL, entry_type VARCHAR(32) NOT NULL,
                transfer_id VARCHAR(64), counterparty_account_id VARCHAR(64), amount_minor BIGINT NOT NULL,
                currency CHAR(3) NOT NULL, metadata_json VARCHAR(65536) NOT NULL, posted_after_minor BIGINT NOT NULL,
                pending_debits_after_minor BIGINT NOT NULL, pending_credits_after_minor BIGINT NOT NULL,
                effective_at TIMESTAMP(6) WITH TIME ZONE NOT NULL, principal VARCHAR(256),
                correlation_id VARCHAR(128), request_id VARCHAR(128), PRIMARY KEY (account_id, entry_seq))""";
    private static final String COLUMNS = "account_id, entry_seq, position, recorded_at, entry_type, transfer_id, "
            + "counterparty_account_id, amount_minor, currency, metadata_json, posted_after_minor, "
            + "pending_debits_after_minor, pending_credits_after_minor, effective_at, principal, correlation_id, "
            + "request_id";
    private static final List<String> INDEXES = List.of(
            "CREATE INDEX ix_probe_time ON statement_entry_probe (account_id, recorded_at, entry_seq)",
            "CREATE INDEX ix_probe_recorded ON statement_entry_probe (recorded_at)",
            "CREATE INDEX ix_probe_effective ON statement_entry_probe (account_id, effective_at)");
    private static final int ACCOUNTS = 2_000;

    /** A way to load the rows. */
    enum Shape { INSERT_WITH_INDEXES, INSERT_THEN_INDEX, COPY_THEN_INDEX }

    /**
     * One load: seconds loading the rows, then building the indexes (if after) and refreshing statistics; and the
     * rows and indexes the table held at the end, counted, not assumed.
     */
    record Load(Shape shape, int round, int rows, long rowsStored, long secondaryIndexes, double loadSeconds,
                double indexSeconds, double totalSeconds) {
    }

    @Option(names = "--rows", defaultValue = "66000",
            description = "statement entries per load; a rebuild of 100,000 events of batch100 writes about "
                    + "66,000 (default: ${DEFAULT-VALUE})")
    int rows;

    @Option(names = "--chunk", defaultValue = "3300",
            description = "rows per transaction, as in a rebuild's chunk of 5,000 events (default: ${DEFAULT-VALUE})")
    int chunk;

    @Option(names = "--rounds", defaultValue = "3", description = "rounds of all shapes (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--out", required = true, description = "JSON result file")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<Object[]> entries = generate(rows);
        List<Load> loads = new ArrayList<>();
        try (PostgresServer server = PostgresServer.start();
             Connection connection = DriverManager.getConnection(
                     server.createDatabase("load_shapes") + "?reWriteBatchedInserts=true", "postgres", "")) {
            execute(connection, TABLE);
            connection.setAutoCommit(false);
            for (int round = 1; round <= rounds; round++) {
                for (Shape shape : Shape.values()) {
                    Load load = load(connection, shape, round, entries);
                    loads.add(load);
                    System.err.printf(Locale.ROOT, "round %d %-20s load %.2f s, indexes and statistics %.2f s, "
                            + "total %.2f s%n", round, shape, load.loadSeconds(), load.indexSeconds(),
                            load.totalSeconds());
                }
            }
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), loads);
        System.out.println("result: " + out);
        return 0;
    }

    private Load load(Connection connection, Shape shape, int round, List<Object[]> entries) throws Exception {
        execute(connection, "TRUNCATE statement_entry_probe");
        for (String index : List.of("ix_probe_time", "ix_probe_recorded", "ix_probe_effective")) {
            execute(connection, "DROP INDEX IF EXISTS " + index);
        }
        connection.commit();
        long started = System.nanoTime();
        if (shape == Shape.INSERT_WITH_INDEXES) {
            createIndexes(connection);
        }
        for (int from = 0; from < entries.size(); from += chunk) {
            List<Object[]> rowsOfChunk = entries.subList(from, Math.min(entries.size(), from + chunk));
            if (shape == Shape.COPY_THEN_INDEX) {
                copy(connection, rowsOfChunk);
            } else {
                insert(connection, rowsOfChunk);
            }
            connection.commit();
        }
        long loaded = System.nanoTime();
        if (shape != Shape.INSERT_WITH_INDEXES) {
            createIndexes(connection);
        }
        execute(connection, "ANALYZE statement_entry_probe");
        connection.commit();
        long ended = System.nanoTime();
        return new Load(shape, round, entries.size(),
                count(connection, "SELECT COUNT(*) FROM statement_entry_probe"),
                count(connection, "SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'statement_entry_probe' "
                        + "AND indexname LIKE 'ix_probe_%'"),
                (loaded - started) / 1e9, (ended - loaded) / 1e9, (ended - started) / 1e9);
    }

    private static void createIndexes(Connection connection) throws SQLException {
        for (String index : INDEXES) {
            execute(connection, index);
        }
        connection.commit();
    }

    private static void insert(Connection connection, List<Object[]> rows) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO statement_entry_probe ("
                + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Object[] row : rows) {
                for (int column = 0; column < row.length; column++) {
                    insert.setObject(column + 1, row[column]);
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** CSV: a null is an empty field, every string is quoted (so an empty string stays one). */
    private static void copy(Connection connection, List<Object[]> rows) throws Exception {
        StringBuilder csv = new StringBuilder(rows.size() * 256);
        for (Object[] row : rows) {
            for (int column = 0; column < row.length; column++) {
                if (column > 0) {
                    csv.append(',');
                }
                Object value = row[column];
                if (value instanceof String text) {
                    csv.append('"').append(text.replace("\"", "\"\"")).append('"');
                } else if (value instanceof OffsetDateTime time) {
                    csv.append(time.toInstant());
                } else if (value != null) {
                    csv.append(value);
                }
            }
            csv.append('\n');
        }
        connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY statement_entry_probe (" + COLUMNS
                + ") FROM STDIN (FORMAT csv)", new StringReader(csv.toString()));
    }

    /** Entries like a batch100 run's: two per transfer over 2,000 accounts, three per millisecond. */
    private static List<Object[]> generate(int count) {
        Random random = new Random(1);
        long[] nextSeq = new long[ACCOUNTS];
        Instant at = Instant.parse("2026-11-24T10:00:00Z");
        List<Object[]> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int account = random.nextInt(ACCOUNTS);
            at = at.plusNanos(300_000 + random.nextInt(1_000) * 1_000L);
            OffsetDateTime time = at.atOffset(ZoneOffset.UTC);
            entries.add(new Object[]{"acc-" + account, nextSeq[account]++, (long) i, time, i % 2 == 0 ? "DEBIT"
                    : "CREDIT", "tr-" + i / 2, "acc-" + random.nextInt(ACCOUNTS), (long) random.nextInt(100_000),
                    "EUR", "{\"ref\":\"r" + i / 2 + "\"}", (long) random.nextInt(), 0L, 0L, time, "bench-key",
                    "corr-" + i / 2, null});
        }
        return entries;
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
