package io.ledger.query.balance;

import io.ledger.core.account.AccountOpenedEvent;
import io.ledger.core.account.AccountView;
import io.ledger.core.transfer.HoldPlacedEvent;
import io.ledger.core.transfer.HoldPostedEvent;
import io.ledger.core.transfer.TransferPostedEvent;
import io.ledger.core.transfer.TransferStatus;
import io.ledger.core.transfer.TransferView;
import io.ledger.query.ProjectionProgress;
import io.ledger.query.balance.LedgerInvariantsTest.LedgerModel;
import io.ledger.query.balance.LedgerInvariantsTest.Step;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Under an event processor the JDBC balance store keeps a batch's writes in memory and writes them when the batch
 * commits. Whatever the batch size, the rows must end as the in-memory store's; nothing is written before the
 * commit, a batch reads its own writes, and whatever the store refuses (at once or at the commit) leaves no row of
 * the batch behind.
 */
class JdbcBalanceStoreBatchTest {

    private static final Instant AT = Instant.parse("2026-11-25T12:00:00Z");

    private final DataSource database = H2ReadModel.freshDataSource();
    private final JdbcTemplate jdbc = new JdbcTemplate(database);
    private final TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(database));
    private final JdbcBalanceStore store = new JdbcBalanceStore(jdbc);
    private final ProjectionProgress progress = new ProjectionProgress();
    private final AccountBalanceProjection projection = new AccountBalanceProjection(store, progress);

    @AfterEach
    void noUnitOfWorkLeftOpen() {
        assertThat(org.axonframework.messaging.unitofwork.CurrentUnitOfWork.isStarted()).isFalse();
    }

    @ParameterizedTest(name = "seed {0}, batches of {1}")
    @CsvSource({"1, 2", "2, 7", "3, 50", "20240310, 13", "7777777, 1000"})
    void writesTheRowsTheInMemoryStoreHoldsWhateverTheBatchSize(long seed, int eventsPerBatch) {
        LedgerModel model = new LedgerModel(new Random(seed));
        InMemoryBalanceStore expected = new InMemoryBalanceStore();
        AccountBalanceProjection expectedProjection = new AccountBalanceProjection(expected, progress);
        List<Consumer<AccountBalanceProjection>> batch = new ArrayList<>();
        int refused = 0;

        for (int i = 0; i < 400; i++) {
            Step step = model.next();
            if (step.refused()) {
                commit(batch);
                BalanceRows before = BalanceRows.of(store, step.touchedTransferIds());
                assertThatThrownBy(() -> commit(new ArrayList<>(List.of(step.event())))).as(step.description())
                        .isInstanceOf(IllegalStateException.class);
                assertThat(BalanceRows.of(store, step.touchedTransferIds())).as(step.description())
                        .isEqualTo(before);
                refused++;
                continue;
            }
            step.event().accept(expectedProjection);
            batch.add(step.event());
            if (batch.size() == eventsPerBatch) {
                commit(batch);
            }
        }
        commit(batch);

        assertThat(store.allAccounts()).isEqualTo(expected.allAccounts()).isEqualTo(model.expectedAccounts());
        assertThat(BalanceRows.of(store, model.transferIds()))
                .isEqualTo(BalanceRows.of(expected, model.transferIds()));
        assertThat(model.holdsResolved()).as("the sequence resolved holds").isPositive();
        assertThat(refused).as("the sequence exercised refusals").isPositive();
    }

    @Test
    void writesNothingBeforeTheBatchCommitsAndEverythingWhenItDoes() {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        openAliceAndBob();
        for (int i = 0; i < 100; i++) {
            projection.on(new TransferPostedEvent("tr-" + i, "acc-alice", "acc-bob", 10, "EUR", Map.of()), AT);
        }
        // No transaction here: every statement would be committed at once, so an empty table shows none ran.
        assertThat(rowsOf("account_balance") + rowsOf("transfer_record")).isZero();

        batch.commit();

        assertThat(rowsOf("transfer_record")).isEqualTo(100);
        assertThat(store.findAccount("acc-bob")).map(AccountView::postedMinor).contains(1_000L);
        assertThat(store.findAccount("acc-alice")).map(AccountView::postedMinor).contains(-1_000L);
    }

    @Test
    void readsItsOwnWritesWithinTheBatch() {
        inBatch(() -> {
            openAliceAndBob();
            projection.on(new HoldPlacedEvent("tr-hold", "acc-alice", "acc-bob", 300, "EUR", Map.of(), 60L,
                    AT.plusSeconds(60)), AT);
            projection.on(new HoldPostedEvent("tr-hold", "acc-alice", "acc-bob", 300, 200, 100, "EUR"), AT.plusSeconds(1));

            assertThat(store.findTransfer("tr-hold")).map(TransferView::status).contains(TransferStatus.POSTED);
            AccountView bob = store.findAccount("acc-bob").orElseThrow();
            assertThat(List.of(bob.postedMinor(), bob.pendingCreditsMinor())).containsExactly(200L, 0L);
        });

        assertThat(store.findTransfer("tr-hold")).map(TransferView::postedMinor).contains(200L);
    }

    @Test
    void aTransferToAnUnknownAccountRollsBackTheWholeBatchAtItsCommit() {
        inBatch(this::openAliceAndBob);
        BalanceRows before = BalanceRows.of(store, "tr-1", "tr-2");

        Throwable refused = catchThrowable(() -> inBatch(() -> {
            projection.on(new TransferPostedEvent("tr-1", "acc-alice", "acc-bob", 10, "EUR", Map.of()), AT);
            projection.on(new TransferPostedEvent("tr-2", "acc-alice", "acc-nobody", 10, "EUR", Map.of()), AT);
        }));

        assertThat(refused).isInstanceOf(IllegalStateException.class).hasMessageContaining("acc-nobody");
        assertThat(BalanceRows.of(store, "tr-1", "tr-2")).isEqualTo(before);
    }

    @Test
    void refusesToResolveAHoldThatChangedAfterTheBatchReadIt() {
        inBatch(() -> {
            openAliceAndBob();
            projection.on(new HoldPlacedEvent("tr-hold", "acc-alice", "acc-bob", 300, "EUR", Map.of(), 60L,
                    AT.plusSeconds(60)), AT);
        });
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        projection.on(new HoldPostedEvent("tr-hold", "acc-alice", "acc-bob", 300, 300, 0, "EUR"), AT.plusSeconds(1));
        // Another writer resolves the hold between the batch's read and its commit.
        jdbc.update("UPDATE transfer_record SET status = 'VOIDED' WHERE transfer_id = 'tr-hold'");

        assertThatThrownBy(batch::commit).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tr-hold is no longer pending");
        assertThat(store.findAccount("acc-bob")).map(AccountView::postedMinor).contains(0L);
    }

    @Test
    void aRolledBackBatchLeavesNothingForTheNextOne() {
        inBatch(this::openAliceAndBob);
        UnitOfWork<?> rolledBack = DefaultUnitOfWork.startAndGet(null);
        projection.on(new TransferPostedEvent("tr-1", "acc-alice", "acc-bob", 10, "EUR", Map.of()), AT);
        rolledBack.rollback();

        inBatch(() -> projection.on(new TransferPostedEvent("tr-2", "acc-alice", "acc-bob", 5, "EUR", Map.of()),
                AT));

        assertThat(store.findTransfer("tr-1")).isEmpty();
        assertThat(store.findAccount("acc-bob")).map(AccountView::postedMinor).contains(5L);
    }

    @Test
    void refusesATransferStoredByAnEarlierBatchNamingIt() {
        inBatch(() -> {
            openAliceAndBob();
            projection.on(new TransferPostedEvent("tr-1", "acc-alice", "acc-bob", 10, "EUR", Map.of()), AT);
        });

        assertThatThrownBy(() -> inBatch(() -> projection.on(
                new TransferPostedEvent("tr-1", "acc-alice", "acc-bob", 10, "EUR", Map.of()), AT)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Transfer tr-1 projected twice");
        assertThat(store.findAccount("acc-bob")).map(AccountView::postedMinor).contains(10L);
    }

    private void openAliceAndBob() {
        projection.on(new AccountOpenedEvent("acc-alice", "EUR", "Alice", 0, true), AT);
        projection.on(new AccountOpenedEvent("acc-bob", "EUR", "Bob", 0, true), AT);
    }

    private int rowsOf(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
    }

    private void commit(List<Consumer<AccountBalanceProjection>> events) {
        if (events.isEmpty()) {
            return;
        }
        List<Consumer<AccountBalanceProjection>> batch = List.copyOf(events);
        events.clear();
        inBatch(() -> batch.forEach(event -> event.accept(projection)));
    }

    private void inBatch(Runnable events) {
        ProcessorBatch.run(transactions, events);
    }
}
