package io.ledger.query.statement;

import io.ledger.core.statement.FindStatementQuery;
import io.ledger.core.statement.StatementEntry;
import io.ledger.query.rebuild.BufferedRebuildStatementStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store a rebuild writes statements through keeps every account's latest entry and recent metadata in memory
 * and writes a chunk at a time. Fed the same history as the in-memory store, in chunks of several sizes (holds
 * released chunks after they were placed read their metadata back from the tables), its tables must end with
 * exactly the in-memory statements.
 */
class BufferedRebuildStatementStoreTest {

    private static final int MOVEMENTS = 600;

    @ParameterizedTest(name = "seed {0}, chunks of {1} writes")
    @CsvSource({"1, 1", "2, 5", "3, 64", "99, 1000"})
    void writesTheStatementsTheInMemoryStoreHoldsWhateverTheChunkSize(long seed, int writesPerChunk) {
        InMemoryStatementStore expected = new InMemoryStatementStore();
        JdbcStatementStore tables = StatementReadModel.freshStore();
        ChunkedWrites buffered = new ChunkedWrites(new BufferedRebuildStatementStore(tables), writesPerChunk);

        RandomLedger ledger = RandomLedger.feed(seed, expected, MOVEMENTS);
        RandomLedger.feed(seed, buffered, MOVEMENTS);
        buffered.flush();

        assertThat(ledger.currencyByAccount()).isNotEmpty();
        for (String accountId : ledger.currencyByAccount().keySet()) {
            assertThat(wholeStatement(tables, accountId)).as(accountId)
                    .isEqualTo(wholeStatement(expected, accountId));
        }
        Instant end = Instant.parse("2100-01-01T00:00:00Z");
        assertThat(tables.trialBalance(end)).isEqualTo(expected.trialBalance(end));
    }

    @Test
    void anEntryThatDoesNotFollowTheAccountsLatestIsRefused() {
        BufferedRebuildStatementStore buffered = new BufferedRebuildStatementStore(StatementReadModel.freshStore());
        StatementFeed feed = new StatementFeed(buffered);
        Instant at = Instant.parse("2026-11-24T12:00:00Z");
        feed.open("acc-1", "EUR", at);
        StatementEntry opening = buffered.latest("acc-1").orElseThrow();

        assertThatThrownBy(() -> buffered.append(opening)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("projected twice or out of order");
    }

    @Test
    void metadataRecordedTwiceIsRefused() {
        BufferedRebuildStatementStore buffered = new BufferedRebuildStatementStore(StatementReadModel.freshStore());
        buffered.rememberMetadata("tr-1", Map.of("ref", "a"));
        buffered.flush();

        assertThatThrownBy(() -> buffered.rememberMetadata("tr-1", Map.of("ref", "a")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("projected twice");
    }

    private static List<StatementEntry> wholeStatement(StatementStore store, String accountId) {
        return store.page(new FindStatementQuery(accountId, null, null, -1, 1_000_000)).entries();
    }

    /** Writes the buffered store's chunk after every {@code writesPerChunk} writes, as a rebuild's chunks do. */
    private static final class ChunkedWrites extends ForwardingStatementStore {

        private final BufferedRebuildStatementStore store;
        private final int writesPerChunk;
        private int writes;

        ChunkedWrites(BufferedRebuildStatementStore store, int writesPerChunk) {
            super(store);
            this.store = store;
            this.writesPerChunk = writesPerChunk;
        }

        void flush() {
            store.flush();
        }

        private void wrote() {
            if (++writes % writesPerChunk == 0) {
                store.flush();
            }
        }

        @Override
        public void rememberMetadata(String transferId, Map<String, String> metadata) {
            store.rememberMetadata(transferId, metadata);
            wrote();
        }

        @Override
        public void append(StatementEntry entry) {
            store.append(entry);
            wrote();
        }
    }
}
