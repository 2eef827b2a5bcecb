package io.ledger.query.statement;

import io.ledger.core.statement.TrialBalanceLine;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The trial balance on H2 over a store shaped like a busy ledger: ten thousand accounts with one entry each and one
 * hot account (a fee or settlement account) with twenty thousand. Its cost must grow with the number of entries,
 * not with the square of the hot account's: written as a join with the grouped pass that finds each account's last
 * entry, H2 planned the join from the entries' side once the table had statistics and ran the grouped pass again
 * for each entry, which took six seconds with 4,000 hot entries and would take minutes with these 20,000
 * (docs/performance.md, tenth round). Answered in one pass, it takes a fraction of a second; the bound below
 * leaves a margin of a hundred times for a loaded machine and still fails the quadratic form.
 */
class TrialBalanceOnH2Test {

    private static final int QUIET_ACCOUNTS = 10_000;
    private static final int HOT_ENTRIES = 20_000;
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private static JdbcTemplate jdbc;

    @BeforeAll
    static void tenThousandQuietAccountsAndOneHotOne() {
        String url = "jdbc:h2:mem:trial-balance-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration/h2").load().migrate();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "sa", ""));
        // Each quiet account was credited 5 once; the hot account was debited 1 twenty thousand times (a balance
        // of -20,000 after its last entry). Entry x of either kind is recorded x seconds after START.
        insertEntries("'quiet-' || X", "1", "'CREDIT'", "5", "5", QUIET_ACCOUNTS);
        insertEntries("'hot'", "X", "'DEBIT'", "1", "-X", HOT_ENTRIES);
        // The statistics H2 also gathers by itself as a table grows; with them it chose the quadratic plan.
        jdbc.execute("ANALYZE");
    }

    private static void insertEntries(String account, String entrySeq, String type, String amount,
                                      String postedAfter, int count) {
        jdbc.update("INSERT INTO statement_entry (account_id, entry_seq, position, recorded_at, effective_at, "
                + "entry_type, amount_minor, currency, metadata_json, posted_after_minor, "
                + "pending_debits_after_minor, pending_credits_after_minor) "
                + "SELECT " + account + ", " + entrySeq + ", X, "
                + "TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00Z' + X * INTERVAL '1' SECOND, "
                + "TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00Z' + X * INTERVAL '1' SECOND, "
                + type + ", " + amount + ", 'EUR', '{}', " + postedAfter + ", 0, 0 FROM SYSTEM_RANGE(1, ?)", count);
    }

    @Test
    void sumsEachAccountsLastBalanceInOnePassOverTheEntries() {
        JdbcStatementStore store = new JdbcStatementStore(jdbc);

        List<TrialBalanceLine> lines = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> store.trialBalance(START.plusSeconds(HOT_ENTRIES)));

        // The made-up entries are one-sided on purpose: the totals show that every entry and every account's last
        // balance was counted exactly once.
        assertThat(lines).containsExactly(new TrialBalanceLine("EUR", HOT_ENTRIES, 5L * QUIET_ACCOUNTS,
                5L * QUIET_ACCOUNTS - HOT_ENTRIES, QUIET_ACCOUNTS + 1));
    }

    @Test
    void anEarlierInstantCountsOnlyWhatWasRecordedByThen() {
        JdbcStatementStore store = new JdbcStatementStore(jdbc);

        List<TrialBalanceLine> lines = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> store.trialBalance(START.plusSeconds(1_000)));

        // By then: quiet accounts 1 to 1,000 and hot entries 1 to 1,000.
        assertThat(lines).containsExactly(new TrialBalanceLine("EUR", 1_000, 5_000, 5_000 - 1_000, 1_001));
    }
}
