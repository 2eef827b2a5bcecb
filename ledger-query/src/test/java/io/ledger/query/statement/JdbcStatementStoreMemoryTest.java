package io.ledger.query.statement;

import io.ledger.core.statement.StatementEntry;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;
import java.util.Optional;

import static io.ledger.query.statement.AliceEntries.ALICE;
import static io.ledger.query.statement.AliceEntries.credit;
import static io.ledger.query.statement.AliceEntries.inUnitOfWork;
import static io.ledger.query.statement.AliceEntries.opened;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JDBC statement store remembers each account's latest entry inside the projector's units of work. These are
 * the cases where that memory is wrong, and what the store must do: forget it after a rollback, refuse to build
 * on it when another node wrote since, and never use it outside a unit of work.
 */
class JdbcStatementStoreMemoryTest {


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
}
