package io.ledger.query.statement;

import io.ledger.core.statement.EntryType;
import io.ledger.core.statement.StatementEntry;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JDBC statement store remembers each account's latest entry inside the projector's units of work. These are
 * the cases where that memory is wrong, and what the store must do: forget it after a rollback, refuse to build
 * on it when another node wrote since, and never use it outside a unit of work.
 */
class JdbcStatementStoreMemoryTest {

    private static final String ALICE = "acct-alice";
    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

    private final JdbcTemplate database = StatementReadModel.freshDatabase();
    private final JdbcStatementStore store = new JdbcStatementStore(database);

    @AfterEach
    void noUnitOfWorkLeftOpen() {
        assertThat(org.axonframework.messaging.unitofwork.CurrentUnitOfWork.isStarted()).isFalse();
    }

    @Test
    void readsItsOwnWritesFromMemoryWithinAndAcrossUnitsOfWork() {
        inUnitOfWork(() -> store.append(opened()));
        inUnitOfWork(() -> store.append(credit(1, 500, opened())));
        // Removed behind the store's back: only a remembered entry can still answer.
        database.update("DELETE FROM statement_entry WHERE entry_seq = 1");

        assertThat(inUnitOfWork(() -> store.latest(ALICE))).map(StatementEntry::entrySeq).contains(1L);
    }

    @Test
    void forgetsWhatARolledBackUnitOfWorkWrote() {
        inUnitOfWork(() -> store.append(opened()));
        UnitOfWork<?> rolledBack = DefaultUnitOfWork.startAndGet(null);
        store.append(credit(1, 500, opened()));
        // The row goes with the transaction the unit of work would have rolled back.
        database.update("DELETE FROM statement_entry WHERE entry_seq = 1");
        rolledBack.rollback();

        assertThat(inUnitOfWork(() -> store.latest(ALICE))).map(StatementEntry::entrySeq).contains(0L);
    }

    @Test
    void refusesToBuildOnAnEntryThatAnotherNodeHasSinceFollowed() {
        inUnitOfWork(() -> store.append(opened()));
        StatementEntry rememberedHere = inUnitOfWork(() -> store.latest(ALICE)).orElseThrow();
        JdbcStatementStore otherNode = new JdbcStatementStore(database);
        inUnitOfWork(() -> otherNode.append(credit(1, 500, opened())));

        StatementEntry stale = inUnitOfWork(() -> store.latest(ALICE)).orElseThrow();
        assertThat(stale).isEqualTo(rememberedHere);
        assertThatThrownBy(() -> inUnitOfWork(() -> store.append(credit(2, 700, stale))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no longer the account's last stored entry");

        assertThat(database.queryForObject("SELECT COUNT(*) FROM statement_entry", Integer.class)).isEqualTo(2);
        StatementEntry fresh = inUnitOfWork(() -> store.latest(ALICE)).orElseThrow();
        assertThat(fresh.entrySeq()).isEqualTo(1);
        inUnitOfWork(() -> store.append(credit(2, 700, fresh)));
        assertThat(store.latest(ALICE)).map(StatementEntry::postedAfterMinor).contains(1_200L);
    }

    @Test
    void readsTheDatabaseOutsideAUnitOfWork() {
        inUnitOfWork(() -> store.append(opened()));
        inUnitOfWork(() -> store.append(credit(1, 500, opened())));
        database.update("DELETE FROM statement_entry WHERE entry_seq = 1");

        assertThat(store.latest(ALICE)).map(StatementEntry::entrySeq).contains(0L);
    }

    @Test
    void remembersATransfersMetadataEvenWhenTheRowIsGone() {
        inUnitOfWork(() -> store.rememberMetadata("trf-1", Map.of("invoice", "INV-1")));
        database.update("DELETE FROM statement_transfer_metadata");

        assertThat(store.metadataOf("trf-1")).containsExactly(Map.entry("invoice", "INV-1"));
    }

    @Test
    void forgetsEverythingWhenTheViewIsCleared() {
        inUnitOfWork(() -> store.append(opened()));
        inUnitOfWork(() -> store.rememberMetadata("trf-1", Map.of("invoice", "INV-1")));
        store.clear();

        assertThat(inUnitOfWork(() -> store.latest(ALICE))).isEmpty();
        assertThat(store.metadataOf("trf-1")).isEmpty();
    }

    private static StatementEntry opened() {
        return new StatementEntry(ALICE, 0, 0, T0, EntryType.OPENED, null, null, 0, "EUR", Map.of(), 0, 0, 0);
    }

    private static StatementEntry credit(long seq, long amountMinor, StatementEntry before) {
        return new StatementEntry(ALICE, seq, seq, T0.plusSeconds(seq), EntryType.CREDIT, "trf-" + seq, "acct-bob",
                amountMinor, "EUR", Map.of(), before.postedAfterMinor() + amountMinor, 0, 0);
    }

    private static void inUnitOfWork(Runnable work) {
        inUnitOfWork(() -> {
            work.run();
            return null;
        });
    }

    private static <T> T inUnitOfWork(Supplier<T> work) {
        var result = DefaultUnitOfWork.startAndGet(null).executeWithResult(work::get);
        if (result.isExceptional()) {
            throw (RuntimeException) result.exceptionResult();
        }
        return result.getPayload();
    }
}
