package io.ledger.query.statement;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.ledger.core.statement.FindStatementQuery;
import io.ledger.core.statement.StatementEntry;
import io.ledger.core.statement.StatementPage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statement store's reads of one account, on H2, read a handful of index entries however many entries the
 * account has: H2 reports the rows it looked at ({@code scanCount} in EXPLAIN ANALYZE). Before the account was
 * named in their ORDER BY (JdbcStatementStore, ORDER_NOTE), each of them read every entry of the account.
 */
class StatementReadsOnH2Test {

    private static final int ENTRIES = 20_000;
    private static final String HOT = "acct-hot";
    /** A few entries for the neighbours on either side, so that no read can stop at the end of the index. */
    private static final String[] NEIGHBOURS = {"acct-aaa", "acct-zzz"};

    private static JdbcTemplate jdbc;

    @BeforeAll
    static void accountWithTwentyThousandEntries() {
        String url = "jdbc:h2:mem:statement-reads-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration/h2").load().migrate();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "sa", ""));
        insertEntries(HOT, ENTRIES);
        for (String neighbour : NEIGHBOURS) {
            insertEntries(neighbour, 100);
        }
    }

    private static void insertEntries(String account, int count) {
        jdbc.update("INSERT INTO statement_entry (account_id, entry_seq, position, recorded_at, effective_at, "
                + "entry_type, amount_minor, currency, metadata_json, posted_after_minor, "
                + "pending_debits_after_minor, pending_credits_after_minor) "
                + "SELECT ?, X, X, TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00Z' + X * INTERVAL '1' SECOND, "
                + "TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00Z' + X * INTERVAL '1' SECOND, 'CREDIT', 1, 'EUR', "
                + "'{}', X, 0, 0 FROM SYSTEM_RANGE(1, ?)", account, count);
    }

    @Test
    void theLatestEntryIsReadOffTheEndOfTheAccountsKey() {
        RecordingJdbc recording = new RecordingJdbc();

        Optional<StatementEntry> latest = new JdbcStatementStore(recording, "").latest(HOT);

        assertThat(latest).map(StatementEntry::entrySeq).contains((long) ENTRIES);
        assertScanCount(recording.explainLast()).isLessThanOrEqualTo(2);
    }

    @Test
    void theGuardOfEveryAppendReadsOneEntry() {
        String plan = explain(JdbcStatementStore.LAST_ENTRY_SEQ, HOT);

        assertScanCount(plan).isLessThanOrEqualTo(2);
    }

    @Test
    void aPointInTimeReadOfARecentInstantReadsOneStepBack() {
        RecordingJdbc recording = new RecordingJdbc();

        Optional<StatementEntry> at = new JdbcStatementStore(recording, "").at(HOT,
                Instant.parse("2026-01-01T05:00:00.5Z"));

        assertThat(at).map(StatementEntry::entrySeq).contains(18_000L);
        assertScanCount(recording.explainLast()).isLessThanOrEqualTo(2);
    }

    @Test
    void aPageOfAStatementReadsThePageAndOneMore() {
        RecordingJdbc recording = new RecordingJdbc();

        StatementPage page = new JdbcStatementStore(recording, "").page(
                new FindStatementQuery(HOT, null, null, 10_000, 50));

        assertThat(page.entries()).hasSize(50);
        assertThat(page.entries().get(0).entrySeq()).isEqualTo(10_001);
        assertScanCount(recording.explainLast()).isLessThanOrEqualTo(52);
    }

    /** The store's JDBC access, remembering the last query it ran so that the test can ask H2 for its plan. */
    private static final class RecordingJdbc extends JdbcTemplate {
        private String lastSql;
        private Object[] lastArgs;

        RecordingJdbc() {
            super(jdbc.getDataSource());
        }

        @Override
        public <T> List<T> query(String sql, RowMapper<T> rowMapper, Object... args) {
            lastSql = sql;
            lastArgs = args;
            return super.query(sql, rowMapper, args);
        }

        String explainLast() {
            return explain(lastSql, lastArgs);
        }
    }

    private static String explain(String sql, Object... args) {
        return String.join("\n", jdbc.queryForList("EXPLAIN ANALYZE " + sql, String.class, args));
    }

    /** The rows H2 looked at, from the first table it names in the plan; the plan goes with a failure. */
    private static org.assertj.core.api.AbstractLongAssert<?> assertScanCount(String plan) {
        Matcher count = Pattern.compile("scanCount: (\\d+)").matcher(plan);
        assertThat(count.find()).as("scanCount in %s", plan).isTrue();
        return assertThat(Long.parseLong(count.group(1))).as("rows read, by the plan%n%s", plan);
    }
}
