package io.ledger.api.config;

import org.flywaydb.core.Flyway;
import org.h2.engine.SessionLocal;
import org.h2.index.Index;
import org.h2.jdbc.JdbcConnection;
import org.h2.result.Row;
import org.h2.table.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The start-up index check on the service's own H2 schema. The damage seen after a kill (an index entry gone while
 * the table kept the row) is made here by removing one entry from an index through H2's engine, which is what
 * the store looked like when a leg was stored twice.
 */
class H2IndexCheckTest {

    private static final String STREAM = "account:acct-EUR-2";

    private Connection connection;

    @BeforeEach
    void storeWithOneStreamOfTwentyEvents() throws SQLException {
        String url = "jdbc:h2:mem:index-check-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration/h2").load().migrate();
        connection = DriverManager.getConnection(url, "sa", "");
        for (long sequence = 0; sequence < 20; sequence++) {
            appendEvent(STREAM, sequence);
        }
        execute("INSERT INTO SnapshotEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, "
                + "timeStamp, payloadType, payload) VALUES ('" + STREAM + "', 9, 'Account', 's9', "
                + "'2026-11-24T12:00:00Z', 'Snapshot', CAST('{}' AS VARBINARY))");
        for (int seq = 1; seq <= 5; seq++) {
            execute("INSERT INTO statement_entry (account_id, entry_seq, position, recorded_at, effective_at, "
                    + "entry_type, amount_minor, currency, metadata_json, posted_after_minor, "
                    + "pending_debits_after_minor, pending_credits_after_minor) VALUES ('acct-EUR-2', " + seq + ", "
                    + seq + ", TIMESTAMP WITH TIME ZONE '2026-11-24 12:00:0" + seq + "Z', TIMESTAMP WITH TIME ZONE "
                    + "'2026-11-24 12:00:0" + seq + "Z', 'DEBIT', 1, 'EUR', '{}', 0, 0, 0)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void aWholeStorePassesWithEveryIndexCountedAndNothingRemoved() throws SQLException {
        H2IndexCheck.Result result = H2IndexCheck.checkAndRepair(connection);

        assertThat(result.rowsRemoved()).isEmpty();
        assertThat(result.miscountedTables()).isEmpty();
        assertThat(result.indexesChecked()).isEqualTo(separateIndexes().size());
        // Among them 20 events in two unique indexes, 1 snapshot in two, 5 statement entries in four.
        long rowsPerIndex = 0;
        for (String table : separateIndexes()) {
            rowsPerIndex += count("SELECT COUNT(*) FROM \"" + table + "\"");
        }
        assertThat(result.entriesCounted()).isEqualTo(rowsPerIndex).isGreaterThanOrEqualTo(20 * 2 + 2 + 5 * 4);
    }

    /** The store of the failed CI run: the newest event of a stream in the table, in neither unique index. */
    @Test
    void anEventLeftByAHalfDoneRollbackIsRemovedAndItsSequenceIsFreeAgain() throws SQLException {
        dropFromEveryIndex("DOMAINEVENTENTRY", 20);
        assertThat(eventsFoundThroughTheStreamIndex()).isEqualTo(19);
        assertThat(count("SELECT COUNT(*) FROM DomainEventEntry USE INDEX () WHERE sequenceNumber = 19")).isOne();

        H2IndexCheck.Result result = H2IndexCheck.checkAndRepair(connection);

        assertThat(result.rowsRemoved()).singleElement().asString()
                .startsWith("DOMAINEVENTENTRY: GLOBALINDEX=20, ")
                .contains("AGGREGATEIDENTIFIER=" + STREAM, "SEQUENCENUMBER=19");
        assertThat(count("SELECT COUNT(*) FROM DomainEventEntry USE INDEX () WHERE sequenceNumber = 19")).isZero();
        assertThat(constraintsOf("DOMAINEVENTENTRY"))
                .contains("UQ_DOMAIN_EVENT_ID UNIQUE", "UQ_DOMAIN_EVENT_STREAM UNIQUE");
        appendEvent(STREAM, 19);
        assertThatThrownBy(() -> appendEvent(STREAM, 18)).isInstanceOf(SQLException.class)
                .extracting(failure -> ((SQLException) failure).getSQLState()).isEqualTo("23505");
        H2IndexCheck.Result again = H2IndexCheck.checkAndRepair(connection);
        assertThat(again.rowsRemoved()).isEmpty();
        assertThat(again.miscountedTables()).isEmpty();
    }

    @Test
    void aStatementEntryLeftBehindIsRemovedAndThePlainIndexesKeepTheirNames() throws SQLException {
        List<String> indexesBefore = indexesOf("STATEMENT_ENTRY");
        dropFromEveryIndex("STATEMENT_ENTRY", 5);

        H2IndexCheck.Result result = H2IndexCheck.checkAndRepair(connection);

        assertThat(result.rowsRemoved()).singleElement().asString().startsWith("STATEMENT_ENTRY: ")
                .contains("ENTRY_SEQ=5");
        assertThat(indexesOf("STATEMENT_ENTRY")).contains("IX_STATEMENT_ENTRY_TIME", "IX_STATEMENT_ENTRY_RECORDED",
                "IX_STATEMENT_ENTRY_EFFECTIVE").hasSameSizeAs(indexesBefore);
        assertThat(constraintsOf("STATEMENT_ENTRY")).anyMatch(constraint -> constraint.endsWith("PRIMARY KEY"));
        assertThat(count("SELECT COUNT(*) FROM statement_entry WHERE account_id = 'acct-EUR-2' AND recorded_at "
                + "<= TIMESTAMP WITH TIME ZONE '2026-11-24 12:00:09Z'")).isEqualTo(4);
    }

    /** A bank run's store: a statement entry of an interrupted view transaction, in three of its four indexes. */
    @Test
    void aRowMissingFromOneIndexOnlyIsRemovedToo() throws SQLException {
        dropIndexEntry("STATEMENT_ENTRY", "IX_STATEMENT_ENTRY_TIME", 5);

        H2IndexCheck.Result result = H2IndexCheck.checkAndRepair(connection);

        assertThat(result.rowsRemoved()).singleElement().asString().startsWith("STATEMENT_ENTRY: ")
                .contains("ENTRY_SEQ=5");
        assertThat(count("SELECT COUNT(*) FROM statement_entry USE INDEX () WHERE _ROWID_ IS NOT NULL")).isEqualTo(4);
        assertThat(H2IndexCheck.checkAndRepair(connection).rowsRemoved()).isEmpty();
    }

    @Test
    void aRowMissingFromTheOnlyIndexOfItsTableIsRemoved() throws SQLException {
        execute("INSERT INTO TokenEntry (processorName, segment, owner) VALUES ('balances', 0, 'node-1')");
        dropIndexEntry("TOKENENTRY", "PRIMARY_KEY", 1);

        H2IndexCheck.Result result = H2IndexCheck.checkAndRepair(connection);

        assertThat(result.rowsRemoved()).singleElement().asString().startsWith("TOKENENTRY: PROCESSORNAME=balances");
        assertThat(count("SELECT COUNT(*) FROM TokenEntry USE INDEX () WHERE _ROWID_ IS NOT NULL")).isZero();
        assertThat(constraintsOf("TOKENENTRY")).anyMatch(constraint -> constraint.endsWith("PRIMARY KEY"));
    }

    /** The service ran on after the crash and the retried transfer took the sequence again: an operator's call. */
    @Test
    void aKeyAlreadyStoredTwiceStopsTheServiceAndLeavesTheIndexesInPlace() throws SQLException {
        dropFromEveryIndex("DOMAINEVENTENTRY", 20);
        appendEvent(STREAM, 19);
        List<String> indexesBefore = indexesOf("DOMAINEVENTENTRY");

        assertThatThrownBy(() -> H2IndexCheck.checkAndRepair(connection))
                .isInstanceOf(H2IndexCheck.DamagedIndexException.class)
                .hasMessageContaining("UQ_DOMAIN_EVENT_STREAM")
                .hasMessageContaining("'" + STREAM + "', CAST(19 AS BIGINT)")
                .hasMessageContaining("will not start");
        assertThat(indexesOf("DOMAINEVENTENTRY")).isEqualTo(indexesBefore);
        assertThat(constraintsOf("DOMAINEVENTENTRY")).contains("UQ_DOMAIN_EVENT_STREAM UNIQUE");
    }

    /** A kill between the rebuild of the indexes and the delete: the row looks whole, but was written down. */
    @Test
    void aRemovalThatAnEarlierStartDidNotFinishIsFinished() throws SQLException {
        execute("CREATE TABLE " + H2IndexCheck.PENDING + " (table_schema VARCHAR(256) NOT NULL, table_name "
                + "VARCHAR(256) NOT NULL, row_id BIGINT NOT NULL, PRIMARY KEY (table_schema, table_name, row_id))");
        execute("INSERT INTO " + H2IndexCheck.PENDING + " VALUES ('PUBLIC', 'DOMAINEVENTENTRY', 20)");

        H2IndexCheck.Result result = H2IndexCheck.checkAndRepair(connection);

        assertThat(result.rowsRemoved()).singleElement().asString().startsWith("DOMAINEVENTENTRY: GLOBALINDEX=20, ");
        assertThat(eventsFoundThroughTheStreamIndex()).isEqualTo(19);
        assertThat(count("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = '"
                + H2IndexCheck.PENDING + "'")).isZero();
    }

    @Test
    void aRefusedRepairLeavesNoRecordOfRowsToRemove() throws SQLException {
        dropFromEveryIndex("DOMAINEVENTENTRY", 20);
        appendEvent(STREAM, 19);

        assertThatThrownBy(() -> H2IndexCheck.checkAndRepair(connection))
                .isInstanceOf(H2IndexCheck.DamagedIndexException.class);
        assertThat(count("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = '"
                + H2IndexCheck.PENDING + "'")).isZero();
    }

    /** Removes the row's entries from every index H2 keeps apart from the table's rows: the table keeps the row. */
    private void dropFromEveryIndex(String table, long rowKey) throws SQLException {
        SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
        Table h2Table = session.getDatabase().getSchema("PUBLIC").getTableOrView(session, table);
        Row row = h2Table.getScanIndex(session).getRow(session, rowKey);
        for (Index index : h2Table.getIndexes()) {
            if (index.getClass().getSimpleName().equals("MVSecondaryIndex")) {
                index.remove(session, row);
            }
        }
        session.commit(false);
    }

    /**
     * Removes the index entry of the row with the given primary-key position from one index only, through H2's
     * engine: the table keeps the row.
     */
    private void dropIndexEntry(String table, String indexNamePrefix, long rowKey) throws SQLException {
        SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
        Table h2Table = session.getDatabase().getSchema("PUBLIC").getTableOrView(session, table);
        Index index = h2Table.getIndexes().stream().filter(candidate -> candidate.getName().startsWith(indexNamePrefix))
                .filter(candidate -> !candidate.getClass().getSimpleName().equals("MVDelegateIndex"))
                .findFirst().orElseThrow();
        Row row = h2Table.getScanIndex(session).getRow(session, rowKey);
        index.remove(session, row);
        session.commit(false);
    }

    private void appendEvent(String stream, long sequence) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO DomainEventEntry "
                + "(eventIdentifier, aggregateIdentifier, sequenceNumber, type, timeStamp, payloadType, payload) "
                + "VALUES (?, ?, ?, 'Account', '2026-11-24T12:00:00Z', 'AccountDebited', CAST('{}' AS VARBINARY))")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, stream);
            insert.setLong(3, sequence);
            insert.executeUpdate();
        }
    }

    private long eventsFoundThroughTheStreamIndex() throws SQLException {
        long found = 0;
        for (long sequence = 0; sequence < 20; sequence++) {
            found += count("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = '" + STREAM
                    + "' AND sequenceNumber = " + sequence);
        }
        return found;
    }

    /** The table of each index kept apart from its table's rows, once per index. */
    private List<String> separateIndexes() throws SQLException {
        return strings("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE INDEX_CLASS LIKE '%MVSecondaryIndex'");
    }

    private List<String> indexesOf(String table) throws SQLException {
        return strings("SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = '" + table
                + "' ORDER BY INDEX_NAME");
    }

    private List<String> constraintsOf(String table) throws SQLException {
        return strings("SELECT CONSTRAINT_NAME || ' ' || CONSTRAINT_TYPE FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS "
                + "WHERE TABLE_NAME = '" + table + "' ORDER BY 1");
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private long count(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
