package io.ledger.query.rebuild;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The secondary indexes of a balance-view table set, which a rebuild drops before it loads the set and builds
 * again after: building an index once over the loaded rows costs far less than keeping it current row by row
 * (every statement entry otherwise inserts into four B-trees). The primary keys stay: the rebuild reads transfers
 * and metadata back by them, and they refuse a row projected twice.
 *
 * <p>The definitions here must match the migrations (V4, V7, V8, V12); {@code ViewSetIndexesTest} holds them to the
 * catalog of a migrated database, so a migration that adds, changes or drops an index of these tables fails it
 * until this list follows. Every statement uses {@code IF EXISTS} / {@code IF NOT EXISTS}: a rebuild that was
 * stopped after the drop (a kill) leaves its set without these indexes, and the next rebuild, which loads the same
 * set, or {@link #ensure} at start-up puts them back.
 */
public final class ViewSetIndexes {

    /** One secondary index: its table (without the set's suffix), its name's last part and its columns. */
    record Index(String table, String name, String columns) {

        String nameIn(String suffix) {
            return "ix_" + table + suffix + "_" + name;
        }

        String tableIn(String suffix) {
            return table + suffix;
        }
    }

    static final List<Index> INDEXES = List.of(
            new Index("statement_entry", "time", "account_id, recorded_at, entry_seq"),
            new Index("statement_entry", "recorded", "recorded_at"),
            new Index("statement_entry", "effective", "account_id, effective_at"),
            new Index("transfer_record", "due_holds", "status, expires_at"));

    /** The set's tables whose statistics a load changes completely. */
    private static final List<String> LOADED_TABLES = List.of(
            "account_balance", "transfer_record", "statement_entry", "statement_transfer_metadata");

    private final JdbcTemplate jdbc;

    public ViewSetIndexes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Drops the set's secondary indexes (those that exist). */
    public void drop(String set) {
        String suffix = ViewSet.suffix(set);
        for (Index index : INDEXES) {
            jdbc.execute("DROP INDEX IF EXISTS " + index.nameIn(suffix));
        }
    }

    /**
     * Builds the set's secondary indexes that are missing. Only those: on PostgreSQL even {@code CREATE INDEX IF NOT
     * EXISTS} of an index that exists first locks its table against writes, which the live view's writes would
     * queue behind at every start-up.
     */
    public void ensure(String set) {
        String suffix = ViewSet.suffix(set);
        Set<String> existing = existingIndexNames(suffix);
        for (Index index : INDEXES) {
            if (!existing.contains(index.nameIn(suffix).toLowerCase(Locale.ROOT))) {
                jdbc.execute("CREATE INDEX IF NOT EXISTS " + index.nameIn(suffix) + " ON " + index.tableIn(suffix)
                        + " (" + index.columns() + ")");
            }
        }
    }

    /** The names, in lower case, of every index on the set's tables that carry secondary indexes. */
    private Set<String> existingIndexNames(String suffix) {
        return jdbc.execute((ConnectionCallback<Set<String>>) connection -> {
            DatabaseMetaData metaData = connection.getMetaData();
            Set<String> names = new HashSet<>();
            for (String table : INDEXES.stream().map(index -> index.tableIn(suffix)).distinct().toList()) {
                String stored = metaData.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
                try (ResultSet indexes = metaData.getIndexInfo(null, null, stored, false, true)) {
                    while (indexes.next()) {
                        String name = indexes.getString("INDEX_NAME");
                        if (name != null) {
                            names.add(name.toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
            return names;
        });
    }

    /**
     * Refreshes the planner's statistics of the set's tables after a load: until the database's own background
     * statistics catch up, the planner would still plan for the tables as they were before (often empty).
     */
    public void analyze(String set) {
        String suffix = ViewSet.suffix(set);
        boolean postgres = isPostgres();
        for (String table : LOADED_TABLES) {
            jdbc.execute((postgres ? "ANALYZE " : "ANALYZE TABLE ") + table + suffix);
        }
    }

    private boolean isPostgres() {
        String product = jdbc.execute((ConnectionCallback<String>) connection ->
                connection.getMetaData().getDatabaseProductName());
        return product != null && product.toLowerCase(Locale.ROOT).contains("postgres");
    }
}
