package io.ledger.api;

import io.ledger.core.statement.TrialBalanceLine;
import io.ledger.query.statement.JdbcStatementStore;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trial balance on PostgreSQL over a store with ten thousand quiet accounts and one hot account: the grouped
 * pass that finds each account's last entry runs once, not once per entry (TrialBalanceOnH2Test shows the
 * quadratic plan H2 chose for the same question asked as a join).
 */
class TrialBalanceOnPostgresTest {

    private static final int QUIET_ACCOUNTS = 10_000;
    private static final int HOT_ENTRIES = 20_000;
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private static JdbcTemplate jdbc;

    @BeforeAll
    static void tenThousandQuietAccountsAndOneHotOne() {
        String url = EmbeddedPostgresSupport.freshDatabaseUrl();
        Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration/postgresql").load()
                .migrate();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "postgres", ""));
        insertEntries("'quiet-' || x", "1", "'CREDIT'", "5", "5", QUIET_ACCOUNTS);
        insertEntries("'hot'", "x", "'DEBIT'", "1", "-x", HOT_ENTRIES);
        jdbc.execute("ANALYZE statement_entry");
    }

    private static void insertEntries(String account, String entrySeq, String type, String amount,
                                      String postedAfter, int count) {
        jdbc.update("INSERT INTO statement_entry (account_id, entry_seq, position, recorded_at, effective_at, "
                + "entry_type, amount_minor, currency, metadata_json, posted_after_minor, "
                + "pending_debits_after_minor, pending_credits_after_minor) "
                + "SELECT " + account + ", " + entrySeq + ", x, ? + x * INTERVAL '1 second', "
                + "? + x * INTERVAL '1 second', " + type + ", " + amount + ", 'EUR', '{}', " + postedAfter
                + ", 0, 0 FROM generate_series(1, ?) x", utc(START), utc(START), count);
    }

    @Test
    void sumsEachAccountsLastBalanceOnce() {
        JdbcStatementStore store = new JdbcStatementStore(jdbc);

        List<TrialBalanceLine> lines = store.trialBalance(START.plusSeconds(HOT_ENTRIES));

        assertThat(lines).containsExactly(new TrialBalanceLine("EUR", HOT_ENTRIES, 5L * QUIET_ACCOUNTS,
                5L * QUIET_ACCOUNTS - HOT_ENTRIES, QUIET_ACCOUNTS + 1));
    }

    @Test
    void runsEveryStepOfThePlanOnce() {
        List<String> plan = jdbc.queryForList("EXPLAIN ANALYZE " + JdbcStatementStore.LAST_BALANCES_AT, String.class,
                utc(START.plusSeconds(HOT_ENTRIES)));

        String whole = String.join("\n", plan);
        Matcher loops = Pattern.compile("loops=(\\d+)").matcher(whole);
        int steps = 0;
        while (loops.find()) {
            steps++;
            assertThat(Integer.parseInt(loops.group(1))).as("times a step ran, in%n%s", whole).isEqualTo(1);
        }
        // An aggregate, the grouped pass and the two reads of the table at least.
        assertThat(steps).as("steps in%n%s", whole).isGreaterThanOrEqualTo(4);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
