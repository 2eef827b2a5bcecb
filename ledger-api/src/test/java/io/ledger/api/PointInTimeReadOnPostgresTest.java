package io.ledger.api;

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
 * The point-in-time read of a busy account on PostgreSQL, at an instant early in its history: one step back from
 * the instant, not a walk back from the account's newest entry past every entry recorded after the instant (which
 * took 43 ms for an account with 500,000 entries; docs/performance.md).
 */
class PointInTimeReadOnPostgresTest {

    private static final int BUSY_ENTRIES = 30_000;
    private static final Instant START = Instant.parse("2026-11-24T00:00:00Z");
    /** Three entries per millisecond: the first second holds entries 0 to 3,002. */
    private static final Instant EARLY = START.plusMillis(1_000);

    private static JdbcTemplate jdbc;

    @BeforeAll
    static void aBusyAccountAndAQuietOne() {
        String url = EmbeddedPostgresSupport.freshDatabaseUrl();
        Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration/postgresql").load()
                .migrate();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "postgres", ""));
        for (String account : List.of("busy", "quiet")) {
            jdbc.update("INSERT INTO statement_entry (account_id, entry_seq, position, recorded_at, entry_type, "
                    + "amount_minor, currency, metadata_json, posted_after_minor, pending_debits_after_minor, "
                    + "pending_credits_after_minor, effective_at) "
                    + "SELECT ?, x, x, ? + (x / 3) * INTERVAL '1 millisecond', 'CREDIT', 1, 'EUR', '{}', x, 0, 0, "
                    + "? + (x / 3) * INTERVAL '1 millisecond' FROM generate_series(0, ?) x",
                    account, utc(START), utc(START), account.equals("busy") ? BUSY_ENTRIES - 1 : 50);
        }
        jdbc.execute("ANALYZE statement_entry");
    }

    @Test
    void answersTheLastEntryAtOrBeforeTheInstant() {
        JdbcStatementStore store = new JdbcStatementStore(jdbc);

        assertThat(store.at("busy", EARLY)).get().extracting(entry -> entry.entrySeq()).isEqualTo(3_002L);
        assertThat(store.at("busy", START.minusMillis(1))).isEmpty();
        assertThat(store.at("busy", START.plusSeconds(3_600))).get().extracting(entry -> entry.entrySeq())
                .isEqualTo((long) BUSY_ENTRIES - 1);
    }

    @Test
    void readsAFewPagesNotEveryEntryRecordedAfterTheInstant() {
        List<String> plan = jdbc.queryForList("EXPLAIN (ANALYZE, BUFFERS) " + JdbcStatementStore.AT_INSTANT,
                String.class, "busy", utc(EARLY));

        String whole = String.join("\n", plan);
        Matcher buffers = Pattern.compile("Buffers: shared(?: hit=(\\d+))?(?: read=(\\d+))?").matcher(whole);
        assertThat(buffers.find()).as(whole).isTrue();
        long pages = number(buffers.group(1)) + number(buffers.group(2));
        // About 27,000 entries were recorded after the instant: walking past them reads a few hundred pages.
        assertThat(pages).as("pages read for the entry at an early instant:%n%s", whole).isLessThanOrEqualTo(30);
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
