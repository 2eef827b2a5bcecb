package io.ledger.api.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks, before the service takes any command, that every secondary index of an H2 store holds exactly one entry
 * per row of its table; finishes the rollback H2 left half done after a crash; refuses to start on any other
 * disagreement.
 *
 * <p>Why: H2 2.3.232 was seen to come back from a {@code kill -9} with one row of a transaction that was still in
 * flight at the kill (never committed, never acknowledged) visible in the event table, while its entries in both
 * of the table's unique indexes, and the transaction's other rows, had been rolled back (docs/reliability.md,
 * "Finding: on H2, a rollback left half done by a kill"). Every read of a stream goes through the (stream,
 * sequence) index, so the account loaded one event short, the index let the retried transfer take the same
 * sequence number again, and the views, reading by position, saw both: a leg stored twice.
 *
 * <p>What it does, per table with secondary indexes:
 * <ul>
 *   <li>Every index holds as many entries as the table's B-tree counts rows (read from the tree, no row read; each
 *       index is counted by an index-only scan, about 1 s per million entries here): the table is whole.</li>
 *   <li>The indexes agree with the rows a scan of the table finds, only the stored row count differs: an entry no
 *       read can see was left behind (seen once, after 60 kills). Reads are not affected; it is logged.</li>
 *   <li>Some rows are found by a scan of the table but are missing from some of its indexes, and that accounts
 *       for every index's shortfall exactly: the rows are what H2's rollback of an unfinished transaction left
 *       behind. Each time a row was seen missing from an index (twice, in the event table and in a statement
 *       view), it belonged to a transaction that was still open at the kill: an event whose transfer's other
 *       events were gone, a statement entry beyond its view's committed position. Such rows are logged in full
 *       (every column), then removed: each index is built again from the table, and the rows are deleted, which
 *       completes the rollback.</li>
 *   <li>Anything else (an index missing rows another index has, an index with more entries than the table has
 *       rows): the service refuses to start ({@link DamagedIndexException}) and names the rows, because no rule can
 *       tell which side holds the record.</li>
 * </ul>
 * Rebuilding never leaves a table without its index, even if the process dies half way: each new index is built
 * under another name first, and only then is the damaged one dropped.
 */
public final class H2IndexCheck {

    private static final Logger log = LoggerFactory.getLogger(H2IndexCheck.class);

    /** H2's class for an index kept in its own map, apart from the table's rows; only these can drift. */
    private static final String SEPARATE_INDEX = "org.h2.mvstore.db.MVSecondaryIndex";

    private static final String UNIQUE_VIOLATION = "23505";

    /** Rows found left behind whose removal is under way; exists only during a repair. */
    static final String PENDING = "LEDGER_H2_REMNANT";

    private H2IndexCheck() {
    }

    /**
     * The check's findings.
     *
     * @param indexesChecked    how many secondary indexes were counted
     * @param entriesCounted    how many index entries were read to count them
     * @param rowsRemoved       the rows a half-done rollback had left visible and that were removed, each as
     *                          {@code table: column=value, ...}
     * @param miscountedTables  tables whose stored row count differs from the rows a scan finds, while every index
     *                          agrees with the scan
     * @param millis            how long the check took, repairs included
     */
    public record Result(int indexesChecked, long entriesCounted, List<String> rowsRemoved,
                         List<String> miscountedTables, long millis) {
    }

    /** An index that disagrees with its table in a way no rule can settle; the store needs an operator. */
    public static final class DamagedIndexException extends IllegalStateException {
        DamagedIndexException(String message) {
            super(message + " The service will not start on it (docs/reliability.md, \"Finding: on H2, a rollback "
                    + "left half done by a kill\").");
        }
    }

    /** Counts every secondary index of the store against its table and repairs what a crash left half done. */
    public static Result checkAndRepair(Connection connection) throws SQLException {
        long started = System.nanoTime();
        List<String> removed = new ArrayList<>(finishPendingRemovals(connection));
        List<Index> indexes = secondaryIndexes(connection);
        Map<String, List<Index>> byTable = new LinkedHashMap<>();
        for (Index index : indexes) {
            byTable.computeIfAbsent(index.qualifiedTable(), table -> new ArrayList<>()).add(index);
        }
        long entries = 0;
        List<String> miscounted = new ArrayList<>();
        for (List<Index> tableIndexes : byTable.values()) {
            TableCheck check = checkTable(connection, tableIndexes);
            entries += check.entriesCounted();
            removed.addAll(check.rowsRemoved());
            check.miscounted().ifPresent(miscounted::add);
        }
        return new Result(indexes.size(), entries, List.copyOf(removed), List.copyOf(miscounted),
                (System.nanoTime() - started) / 1_000_000);
    }

    private record TableCheck(long entriesCounted, List<String> rowsRemoved, Optional<String> miscounted) {
    }

    private static TableCheck checkTable(Connection connection, List<Index> indexes) throws SQLException {
        Index first = indexes.get(0);
        long storedRows = count(connection, "SELECT COUNT(*) FROM " + first.qualifiedTable());
        Map<Index, Long> entries = new LinkedHashMap<>();
        for (Index index : indexes) {
            entries.put(index, indexedCount(connection, index, index.name()));
        }
        long entriesCounted = entries.values().stream().mapToLong(Long::longValue).sum();
        if (entries.values().stream().allMatch(count -> count == storedRows)) {
            return new TableCheck(entriesCounted, List.of(), Optional.empty());
        }
        long visibleRows = visibleRows(connection, first.qualifiedTable());
        if (entries.values().stream().allMatch(count -> count == visibleRows)) {
            String miscounted = first.table() + " counts " + storedRows + " rows, holds " + visibleRows;
            log.warn("H2 table {}: an entry no read can see was left behind by a crash; reads are not affected",
                    miscounted);
            return new TableCheck(entriesCounted, List.of(), Optional.of(miscounted));
        }
        Set<Long> leftBehind = rowsMissingFromSomeIndex(connection, indexes, entries, visibleRows);
        List<String> removed = removeRows(connection, indexes, leftBehind);
        return new TableCheck(entriesCounted, removed, Optional.empty());
    }

    /**
     * The rows a half-done rollback left: found by a scan of the table and missing from at least one of its
     * indexes. Throws unless they account for every index's shortfall exactly.
     */
    private static Set<Long> rowsMissingFromSomeIndex(Connection connection, List<Index> indexes,
                                                      Map<Index, Long> entries, long visibleRows)
            throws SQLException {
        Set<Long> leftBehind = new TreeSet<>();
        StringBuilder findings = new StringBuilder();
        boolean explained = true;
        for (Index index : indexes) {
            Set<Long> missing = rowsMissingFrom(connection, index);
            findings.append(' ').append(index.name()).append(" holds ").append(entries.get(index))
                    .append(" entries and misses rows ").append(missing.stream().limit(10).toList()).append(';');
            explained &= entries.get(index) + missing.size() == visibleRows;
            leftBehind.addAll(missing);
        }
        if (!explained || leftBehind.isEmpty()) {
            throw new DamagedIndexException("H2 table " + indexes.get(0).table() + " has " + visibleRows
                    + " rows, and its indexes disagree with it:" + findings);
        }
        return leftBehind;
    }

    /**
     * Row ids of the rows a scan of the table finds and a lookup through the index does not. A row with a NULL in
     * the index's columns matches nothing here and is listed even though the index holds it; the count test in
     * {@link #rowsMissingFromSomeIndex} then fails, and the service refuses rather than deleting it.
     */
    private static Set<Long> rowsMissingFrom(Connection connection, Index index) throws SQLException {
        String match = index.columns().stream()
                .map(column -> "e." + quote(column.name()) + " = d." + quote(column.name()))
                .collect(Collectors.joining(" AND "));
        Set<Long> missing = new TreeSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT d._ROWID_ FROM " + index.qualifiedTable()
                     + " d USE INDEX () WHERE NOT EXISTS (SELECT 1 FROM " + index.qualifiedTable() + " e USE INDEX ("
                     + quote(index.name()) + ") WHERE " + match + " AND e._ROWID_ = d._ROWID_)")) {
            while (rows.next()) {
                missing.add(rows.getLong(1));
            }
        }
        return missing;
    }

    /**
     * Completes the rollback: logs each row in full, so that nothing leaves the store unrecorded, builds the
     * indexes again so that they hold the rows (H2 cannot delete a row its indexes lack), then deletes them.
     * Between the rebuild and the delete the rows would look whole to a check, so they are first written down in
     * {@value #PENDING}; a start after a kill in between deletes them from there ({@link #finishPendingRemovals}).
     */
    private static List<String> removeRows(Connection connection, List<Index> indexes, Set<Long> rowIds)
            throws SQLException {
        Index first = indexes.get(0);
        List<String> described = new ArrayList<>();
        for (long rowId : rowIds) {
            String row = first.table() + ": " + describeRow(connection, first, rowId);
            log.error("H2 kept a row of a transaction that a crash interrupted, missing from some of its table's "
                    + "indexes; removing it to finish the rollback: {}", row);
            described.add(row);
        }
        recordPending(connection, first, rowIds);
        try {
            rebuildAll(connection, indexes);
        } catch (DamagedIndexException | SQLException refused) {
            forgetPending(connection, first, rowIds);
            throw refused;
        }
        deleteRowsAndPending(connection, first.schema(), first.table(), rowIds);
        long rows = visibleRows(connection, first.qualifiedTable());
        for (Index index : secondaryIndexesOf(connection, first.schema(), first.table())) {
            long indexed = indexedCount(connection, index, index.name());
            if (indexed != rows) {
                throw new DamagedIndexException("H2 index " + index.name() + " on " + index.table() + " holds "
                        + indexed + " entries for " + rows + " rows even after it was rebuilt.");
            }
        }
        dropPendingIfEmpty(connection);
        return described;
    }

    private static void recordPending(Connection connection, Index table, Set<Long> rowIds) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + PENDING + " (table_schema VARCHAR(256) NOT NULL, "
                    + "table_name VARCHAR(256) NOT NULL, row_id BIGINT NOT NULL, "
                    + "PRIMARY KEY (table_schema, table_name, row_id))");
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "MERGE INTO " + PENDING + " KEY (table_schema, table_name, row_id) VALUES (?, ?, ?)")) {
            for (long rowId : rowIds) {
                insert.setString(1, table.schema());
                insert.setString(2, table.table());
                insert.setLong(3, rowId);
                insert.executeUpdate();
            }
        }
    }

    private static void forgetPending(Connection connection, Index table, Set<Long> rowIds) throws SQLException {
        try (PreparedStatement forget = connection.prepareStatement("DELETE FROM " + PENDING
                + " WHERE table_schema = ? AND table_name = ? AND row_id = ?")) {
            for (long rowId : rowIds) {
                forget.setString(1, table.schema());
                forget.setString(2, table.table());
                forget.setLong(3, rowId);
                forget.executeUpdate();
            }
        }
        dropPendingIfEmpty(connection);
    }

    /** The rows and their record in {@value #PENDING} go in one transaction: neither outlives the other. */
    private static void deleteRowsAndPending(Connection connection, String schema, String table, Set<Long> rowIds)
            throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM " + quote(schema) + "." + quote(table) + " WHERE _ROWID_ = ?");
             PreparedStatement forget = connection.prepareStatement("DELETE FROM " + PENDING
                     + " WHERE table_schema = ? AND table_name = ? AND row_id = ?")) {
            for (long rowId : rowIds) {
                delete.setLong(1, rowId);
                delete.executeUpdate();
                forget.setString(1, schema);
                forget.setString(2, table);
                forget.setLong(3, rowId);
                forget.executeUpdate();
            }
            connection.commit();
        } catch (SQLException failed) {
            connection.rollback();
            throw failed;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * Deletes the rows an earlier start found left behind and had not deleted yet when it was killed, once their
     * table's indexes hold them again (until then the table is still damaged, and the check finds them anew).
     */
    private static List<String> finishPendingRemovals(Connection connection) throws SQLException {
        if (count(connection, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = '" + PENDING + "'")
                == 0) {
            return List.of();
        }
        Map<List<String>, Set<Long>> pending = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT table_schema, table_name, row_id FROM " + PENDING)) {
            while (rows.next()) {
                pending.computeIfAbsent(List.of(rows.getString(1), rows.getString(2)), table -> new TreeSet<>())
                        .add(rows.getLong(3));
            }
        }
        List<String> removed = new ArrayList<>();
        for (Map.Entry<List<String>, Set<Long>> table : pending.entrySet()) {
            String schema = table.getKey().get(0);
            String name = table.getKey().get(1);
            List<Index> indexes = secondaryIndexesOf(connection, schema, name);
            long rows = visibleRows(connection, quote(schema) + "." + quote(name));
            boolean whole = true;
            for (Index index : indexes) {
                whole &= indexedCount(connection, index, index.name()) == rows;
            }
            if (whole && !indexes.isEmpty()) {
                for (long rowId : table.getValue()) {
                    String row = name + ": " + describeRow(connection, indexes.get(0), rowId);
                    log.error("H2 kept a row of a transaction that a crash interrupted; removing it (found by an "
                            + "earlier start that did not finish): {}", row);
                    removed.add(row);
                }
                deleteRowsAndPending(connection, schema, name, table.getValue());
            }
        }
        dropPendingIfEmpty(connection);
        return removed;
    }

    private static void dropPendingIfEmpty(Connection connection) throws SQLException {
        if (count(connection, "SELECT COUNT(*) FROM " + PENDING) == 0) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE " + PENDING);
            }
        }
    }

    private static long visibleRows(Connection connection, String qualifiedTable) throws SQLException {
        return count(connection, "SELECT COUNT(*) FROM " + qualifiedTable + " USE INDEX () WHERE _ROWID_ IS NOT NULL");
    }

    private static String describeRow(Connection connection, Index table, long rowId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM " + table.qualifiedTable() + " WHERE _ROWID_ = ?")) {
            select.setLong(1, rowId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return "_ROWID_=" + rowId + " (no longer there)";
                }
                ResultSetMetaData columns = row.getMetaData();
                List<String> values = new ArrayList<>();
                for (int column = 1; column <= columns.getColumnCount(); column++) {
                    values.add(columns.getColumnName(column) + "=" + row.getString(column));
                }
                return String.join(", ", values);
            }
        }
    }

    /** One column of an index as H2 orders it. */
    private record Column(String name, String ordering, String nulls) {
        /** H2 gives no null ordering for a NOT NULL column. */
        String definition() {
            return quote(name) + (ordering == null ? "" : " " + ordering) + (nulls == null ? "" : " NULLS " + nulls);
        }
    }

    /** A constraint that owns an index: UNIQUE or PRIMARY KEY. */
    private record Constraint(String name, String type) {
    }

    private record Index(String schema, String table, String name, boolean unique, List<Column> columns,
                         Optional<Constraint> owner) {
        String qualifiedTable() {
            return quote(schema) + "." + quote(table);
        }

        String columnNames() {
            return columns.stream().map(column -> quote(column.name())).collect(Collectors.joining(", "));
        }
    }

    private static List<Index> secondaryIndexes(Connection connection) throws SQLException {
        List<String[]> names = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT i.INDEX_SCHEMA, i.TABLE_NAME, i.INDEX_NAME, i.INDEX_TYPE_NAME
                FROM INFORMATION_SCHEMA.INDEXES i
                JOIN INFORMATION_SCHEMA.TABLES t ON t.TABLE_SCHEMA = i.TABLE_SCHEMA AND t.TABLE_NAME = i.TABLE_NAME
                WHERE i.INDEX_CLASS = ? AND t.TABLE_TYPE = 'BASE TABLE'
                ORDER BY i.INDEX_SCHEMA, i.TABLE_NAME, i.INDEX_NAME""")) {
            select.setString(1, SEPARATE_INDEX);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    names.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4)});
                }
            }
        }
        List<Index> indexes = new ArrayList<>();
        for (String[] name : names) {
            boolean unique = name[3].contains("UNIQUE") || name[3].contains("PRIMARY KEY");
            indexes.add(new Index(name[0], name[1], name[2], unique, columns(connection, name[0], name[2]),
                    owner(connection, name[0], name[2])));
        }
        return indexes;
    }

    private static List<Index> secondaryIndexesOf(Connection connection, String schema, String table)
            throws SQLException {
        return secondaryIndexes(connection).stream()
                .filter(index -> index.schema().equals(schema) && index.table().equals(table)).toList();
    }

    private static List<Column> columns(Connection connection, String schema, String index) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT COLUMN_NAME, ORDERING_SPECIFICATION, NULL_ORDERING FROM INFORMATION_SCHEMA.INDEX_COLUMNS
                WHERE INDEX_SCHEMA = ? AND INDEX_NAME = ? ORDER BY ORDINAL_POSITION""")) {
            select.setString(1, schema);
            select.setString(2, index);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    columns.add(new Column(rows.getString(1), rows.getString(2), rows.getString(3)));
                }
            }
        }
        return columns;
    }

    private static Optional<Constraint> owner(Connection connection, String schema, String index)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT CONSTRAINT_NAME, CONSTRAINT_TYPE FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS
                WHERE INDEX_SCHEMA = ? AND INDEX_NAME = ?""")) {
            select.setString(1, schema);
            select.setString(2, index);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(new Constraint(rows.getString(1), rows.getString(2)))
                        : Optional.empty();
            }
        }
    }

    /** H2 answers a bare COUNT(*) from the size kept in the table's own B-tree, without reading a row. */
    private static long rowCount(Connection connection, Index index) throws SQLException {
        return count(connection, "SELECT COUNT(*) FROM " + index.qualifiedTable());
    }

    /**
     * Forcing the index and giving a condition on its first column that every row meets (NULLs are indexed too)
     * makes H2 walk the index from end to end without reading the rows.
     */
    private static long indexedCount(Connection connection, Index index, String indexName) throws SQLException {
        String first = quote(index.columns().get(0).name());
        return count(connection, "SELECT COUNT(*) FROM " + index.qualifiedTable() + " USE INDEX (" + quote(indexName)
                + ") WHERE " + first + " IS NOT NULL OR " + first + " IS NULL");
    }

    /**
     * Builds every index of the table again from the table: all replacements first, so that a key stored twice
     * stops the repair before any index was dropped, then each damaged index is swapped for its replacement.
     */
    private static void rebuildAll(Connection connection, List<Index> indexes) throws SQLException {
        for (Index index : indexes) {
            if (index.owner().isPresent() && !isRebuildable(index.owner().get())) {
                throw new DamagedIndexException("H2 index " + index.name() + " on " + index.table()
                        + " disagrees with its table and belongs to a " + index.owner().get().type()
                        + " constraint, which this check does not rebuild.");
            }
        }
        Map<Index, String> replacements = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement()) {
            try {
                for (Index index : indexes) {
                    String replacement = freeIndexName(connection, index);
                    createReplacement(statement, index, replacement);
                    replacements.put(index, replacement);
                }
            } catch (SQLException | DamagedIndexException failed) {
                for (String replacement : replacements.values()) {
                    statement.execute("DROP INDEX " + quote(indexes.get(0).schema()) + "." + quote(replacement));
                }
                throw failed;
            }
            for (Map.Entry<Index, String> swap : replacements.entrySet()) {
                swapIn(connection, statement, swap.getKey(), swap.getValue());
            }
        }
    }

    /**
     * A re-added constraint takes over a matching unique index if there is one (UNIQUE does, PRIMARY KEY builds
     * its own); a replacement no constraint took is then dropped.
     */
    private static void swapIn(Connection connection, Statement statement, Index index, String replacement)
            throws SQLException {
        String schema = quote(index.schema());
        if (index.owner().isPresent()) {
            Constraint constraint = index.owner().get();
            statement.execute("ALTER TABLE " + index.qualifiedTable() + " DROP CONSTRAINT " + schema + "."
                    + quote(constraint.name()));
            statement.execute("ALTER TABLE " + index.qualifiedTable() + " ADD CONSTRAINT " + schema + "."
                    + quote(constraint.name()) + " " + constraint.type() + " (" + index.columnNames() + ")");
            if (owner(connection, index.schema(), replacement).isEmpty()) {
                statement.execute("DROP INDEX " + schema + "." + quote(replacement));
            }
        } else {
            statement.execute("DROP INDEX " + schema + "." + quote(index.name()));
            statement.execute("ALTER INDEX " + schema + "." + quote(replacement) + " RENAME TO "
                    + quote(index.name()));
        }
    }

    /**
     * A unique index that missed entries may have let a second row take a key already taken; building its
     * replacement then fails on that key, before anything was dropped. Which of the two rows is the record is an
     * operator's decision, so the service stops there.
     */
    private static void createReplacement(Statement statement, Index index, String replacement) throws SQLException {
        try {
            statement.execute("CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX " + quote(index.schema()) + "."
                    + quote(replacement) + " ON " + index.qualifiedTable() + " ("
                    + index.columns().stream().map(Column::definition).collect(Collectors.joining(", ")) + ")");
        } catch (SQLException repeatedKey) {
            if (!UNIQUE_VIOLATION.equals(repeatedKey.getSQLState())) {
                throw repeatedKey;
            }
            throw new DamagedIndexException("H2 unique index " + index.name() + " on " + index.table()
                    + " misses entries, and the table holds a key more than once (" + repeatedKey.getMessage()
                    + "). Decide which rows are the record, or restore the store from a copy.");
        }
    }

    private static boolean isRebuildable(Constraint constraint) {
        return constraint.type().equals("UNIQUE") || constraint.type().equals("PRIMARY KEY");
    }

    private static String freeIndexName(Connection connection, Index index) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            String candidate = index.name() + "_REBUILT" + (attempt == 1 ? "" : "_" + attempt);
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES WHERE INDEX_SCHEMA = ? AND INDEX_NAME = ?")) {
                select.setString(1, index.schema());
                select.setString(2, candidate);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) == 0) {
                        return candidate;
                    }
                }
            }
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
