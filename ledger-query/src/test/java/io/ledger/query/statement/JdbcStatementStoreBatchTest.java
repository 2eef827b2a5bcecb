package io.ledger.query.statement;

import io.ledger.core.statement.FindStatementQuery;
import io.ledger.core.statement.StatementEntry;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.ledger.query.statement.AliceEntries.ALICE;
import static io.ledger.query.statement.AliceEntries.credit;
import static io.ledger.query.statement.AliceEntries.inUnitOfWork;
import static io.ledger.query.statement.AliceEntries.opened;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Under an event processor the JDBC statement store keeps a batch's entries and metadata in memory and inserts
 * them when the batch commits. Whatever the batch size the statements must end as the in-memory store's; nothing
 * is inserted before the commit, and an account's first entry of a batch is still refused when the entry it
 * follows is no longer the account's last stored one.
 */
class JdbcStatementStoreBatchTest {


    private final JdbcTemplate database = StatementReadModel.freshDatabase();
    private final JdbcStatementStore store = new JdbcStatementStore(database);

    @AfterEach
    void noUnitOfWorkLeftOpen() {
        assertThat(CurrentUnitOfWork.isStarted()).isFalse();
    }

    @ParameterizedTest(name = "seed {0}, batches of {1} writes")
    @CsvSource({"1, 2", "2, 5", "3, 64", "99, 1000"})
    void writesTheStatementsTheInMemoryStoreHoldsWhateverTheBatchSize(long seed, int writesPerBatch) {
        InMemoryStatementStore expected = new InMemoryStatementStore();
        InBatches batched = new InBatches(store, writesPerBatch);

        RandomLedger ledger = RandomLedger.feed(seed, expected, 600);
        RandomLedger.feed(seed, batched, 600);
        batched.commit();

        assertThat(ledger.currencyByAccount()).isNotEmpty();
        for (String accountId : ledger.currencyByAccount().keySet()) {
            assertThat(wholeStatement(store, accountId)).as(accountId)
                    .isEqualTo(wholeStatement(expected, accountId));
        }
        Instant end = Instant.parse("2100-01-01T00:00:00Z");
        assertThat(store.trialBalance(end)).isEqualTo(expected.trialBalance(end));
    }

    @Test
    void insertsNothingBeforeTheBatchCommitsAndReadsItsOwnEntriesMeanwhile() {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        store.append(opened());
        store.rememberMetadata("trf-1", Map.of("invoice", "INV-1"));
        store.append(credit(1, 500, store.latest(ALICE).orElseThrow()));
        store.append(credit(2, 700, store.latest(ALICE).orElseThrow()));

        assertThat(store.latest(ALICE)).map(StatementEntry::postedAfterMinor).contains(1_200L);
        assertThat(store.metadataOf("trf-1")).containsEntry("invoice", "INV-1");
        // No transaction here: every statement would be committed at once, so empty tables show none ran.
        assertThat(rowsOf("statement_entry") + rowsOf("statement_transfer_metadata")).isZero();

        batch.commit();

        assertThat(rowsOf("statement_entry")).isEqualTo(3);
        assertThat(rowsOf("statement_transfer_metadata")).isEqualTo(1);
    }

    @Test
    void refusesABatchWhoseFirstEntryFollowsAnEntryAnotherNodeHasSinceFollowed() {
        inUnitOfWork(() -> store.append(opened()));
        StatementEntry rememberedHere = inUnitOfWork(() -> store.latest(ALICE).orElseThrow());
        JdbcStatementStore otherNode = new JdbcStatementStore(database);
        inUnitOfWork(() -> otherNode.append(credit(1, 500, rememberedHere)));

        assertThatThrownBy(() -> inUnitOfWork(() -> {
            StatementEntry stale = store.latest(ALICE).orElseThrow();
            store.append(credit(2, 700, stale));
            store.append(credit(3, 100, store.latest(ALICE).orElseThrow()));
        })).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("follows entry 0, which is no longer the account's last stored entry");

        assertThat(rowsOf("statement_entry")).isEqualTo(2);
        StatementEntry fresh = inUnitOfWork(() -> store.latest(ALICE).orElseThrow());
        assertThat(fresh.entrySeq()).isEqualTo(1);
    }

    @Test
    void refusesTheSameTransfersMetadataTwiceInOneBatch() {
        assertThatThrownBy(() -> inUnitOfWork(() -> {
            store.rememberMetadata("trf-1", Map.of("invoice", "INV-1"));
            store.rememberMetadata("trf-1", Map.of("invoice", "INV-1"));
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("trf-1 projected twice");

        assertThat(rowsOf("statement_transfer_metadata")).isZero();
    }

    private int rowsOf(String table) {
        return database.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
    }

    private static List<StatementEntry> wholeStatement(StatementStore store, String accountId) {
        return store.page(new FindStatementQuery(accountId, null, null, -1, 1_000_000)).entries();
    }

    /** Keeps one unit of work open across {@code writesPerBatch} writes, as a processor's batch does. */
    private static final class InBatches extends ForwardingStatementStore {

        private final int writesPerBatch;
        private UnitOfWork<?> batch;
        private int writes;

        InBatches(StatementStore store, int writesPerBatch) {
            super(store);
            this.writesPerBatch = writesPerBatch;
        }

        void commit() {
            if (batch != null) {
                batch.commit();
                batch = null;
            }
        }

        @Override
        public void rememberMetadata(String transferId, Map<String, String> metadata) {
            open();
            super.rememberMetadata(transferId, metadata);
            wrote();
        }

        @Override
        public Map<String, String> metadataOf(String transferId) {
            open();
            return super.metadataOf(transferId);
        }

        @Override
        public void append(StatementEntry entry) {
            open();
            super.append(entry);
            wrote();
        }

        @Override
        public Optional<StatementEntry> latest(String accountId) {
            open();
            return super.latest(accountId);
        }

        private void open() {
            if (batch == null) {
                batch = DefaultUnitOfWork.startAndGet(null);
            }
        }

        private void wrote() {
            if (++writes % writesPerBatch == 0) {
                commit();
            }
        }
    }
}
