package io.ledger.query.balance;

import io.ledger.core.account.AccountOpenedEvent;
import io.ledger.core.account.AccountView;
import io.ledger.core.transfer.HoldVoidedEvent;
import io.ledger.core.transfer.TransferView;
import io.ledger.query.ProjectionProgress;
import io.ledger.query.SignalWaiter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static io.ledger.core.account.AccountStatus.ACTIVE;
import static io.ledger.query.balance.RecordedLedger.ALICE;
import static io.ledger.query.balance.RecordedLedger.ALICE_OPENED;
import static io.ledger.query.balance.RecordedLedger.ALICE_OPENED_AT;
import static io.ledger.query.balance.RecordedLedger.BOB;
import static io.ledger.query.balance.RecordedLedger.BOB_OPENED;
import static io.ledger.query.balance.RecordedLedger.BOB_OPENED_AT;
import static io.ledger.query.balance.RecordedLedger.EXPECTED_ACCOUNTS;
import static io.ledger.query.balance.RecordedLedger.EXPECTED_TRANSFERS;
import static io.ledger.query.balance.RecordedLedger.FUNDING_POSTED;
import static io.ledger.query.balance.RecordedLedger.FUNDING_POSTED_AT;
import static io.ledger.query.balance.RecordedLedger.SETTLEMENT;
import static io.ledger.query.balance.RecordedLedger.SETTLEMENT_OPENED;
import static io.ledger.query.balance.RecordedLedger.SETTLEMENT_OPENED_AT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The balance projection, fed events directly as Axon's processor would, over each {@link BalanceStore}. Every
 * scenario runs against both stores: the audit tool replays into memory what the service projects into its
 * database, so the two must build the same rows from the same events.
 */
class AccountBalanceProjectionTest {

    private static final Instant LATER = Instant.parse("2024-04-01T00:00:00.000Z");
    private static final long LONG_WAIT_MILLIS = 5_000;
    private static final Duration PROMPTLY = Duration.ofMillis(1_000);

    private final ProjectionProgress progress = new ProjectionProgress();

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void projectsTheRecordedLedgerIntoExactlyTheseAccountRows(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();

        RecordedLedger.replayInto(new AccountBalanceProjection(store, progress));

        assertThat(store.allAccounts()).containsExactlyElementsOf(EXPECTED_ACCOUNTS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void recordsEveryTransferHoldAndReversalWithItsMetadataAndTheInstantItWasRecorded(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();

        RecordedLedger.replayInto(new AccountBalanceProjection(store, progress));

        assertThat(transfersOf(store)).containsExactlyElementsOf(EXPECTED_TRANSFERS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void keepsThePostedBalancesOfAllAccountsSummingToZero(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();

        RecordedLedger.replayInto(new AccountBalanceProjection(store, progress));

        assertThat(store.allAccounts().stream().mapToLong(AccountView::postedMinor).sum()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void keepsThePendingDebitsOfAllAccountsEqualToTheirPendingCredits(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();

        RecordedLedger.replayInto(new AccountBalanceProjection(store, progress));

        assertThat(store.allAccounts().stream().mapToLong(AccountView::pendingDebitsMinor).sum())
                .isEqualTo(200)
                .isEqualTo(store.allAccounts().stream().mapToLong(AccountView::pendingCreditsMinor).sum());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void opensAnAccountWithAZeroBalanceAtTheInstantTheEventWasRecorded(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();

        new AccountBalanceProjection(store, progress).on(SETTLEMENT_OPENED, SETTLEMENT_OPENED_AT);

        assertThat(store.findAccount(SETTLEMENT))
                .contains(new AccountView(SETTLEMENT, "EUR", "Settlement", 0, true, ACTIVE, 0, 0, 0,
                        SETTLEMENT_OPENED_AT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void listsAccountsOrderedByIdRatherThanByWhenTheyWereOpened(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = new AccountBalanceProjection(store, progress);

        for (String accountId : List.of("acc-9", "acc-10", "acc-2", "acc-1")) {
            projection.on(new AccountOpenedEvent(accountId, "EUR", accountId, 0, false), LATER);
        }

        assertThat(store.allAccounts()).extracting(AccountView::accountId)
                .containsExactly("acc-1", "acc-10", "acc-2", "acc-9");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void clearsEveryAccountAndTransferOnReset(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = new AccountBalanceProjection(store, progress);
        RecordedLedger.replayInto(projection);

        projection.onReset();

        assertThat(store.allAccounts()).isEmpty();
        assertThat(store.findAccount(ALICE)).isEmpty();
        assertThat(transfersOf(store)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void rebuildsExactlyTheSameRowsWhenReplayedAfterAReset(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = new AccountBalanceProjection(store, progress);
        RecordedLedger.replayInto(projection);

        projection.onReset();
        RecordedLedger.replayInto(projection);

        assertThat(store.allAccounts()).containsExactlyElementsOf(EXPECTED_ACCOUNTS);
        assertThat(transfersOf(store)).containsExactlyElementsOf(EXPECTED_TRANSFERS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void refusesToProjectTheSameAccountTwiceAndKeepsTheFirstRow(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = new AccountBalanceProjection(store, progress);
        projection.on(BOB_OPENED, BOB_OPENED_AT);

        assertThatThrownBy(() -> projection.on(new AccountOpenedEvent(BOB, "USD", "Bob again", 0, true), LATER))
                .isInstanceOf(RuntimeException.class);
        assertThat(store.allAccounts())
                .containsExactly(new AccountView(BOB, "EUR", "Bob", 5_000, false, ACTIVE, 0, 0, 0, BOB_OPENED_AT));
    }

    @Test
    void refusesToProjectTheSameAccountTwiceWithAnIllegalStateInMemory() {
        AccountBalanceProjection projection = new AccountBalanceProjection(new InMemoryBalanceStore(), progress);
        projection.on(BOB_OPENED, BOB_OPENED_AT);

        assertThatThrownBy(() -> projection.on(BOB_OPENED, LATER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(BOB);
    }

    @Test
    void refusesToProjectTheSameAccountTwiceWithAnIllegalStateInTheDatabase() {
        AccountBalanceProjection projection = new AccountBalanceProjection(H2ReadModel.freshStore(), progress);
        projection.on(BOB_OPENED, BOB_OPENED_AT);

        assertThatThrownBy(() -> projection.on(BOB_OPENED, LATER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(BOB);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void refusesAPostingFromAnUnknownDebitAccount(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = new AccountBalanceProjection(store, progress);
        projection.on(ALICE_OPENED, ALICE_OPENED_AT);

        assertThatThrownBy(() -> projection.on(FUNDING_POSTED, FUNDING_POSTED_AT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(SETTLEMENT);
        assertThat(store.findAccount(ALICE)).map(AccountView::postedMinor).contains(0L);
        assertThat(store.findTransfer(FUNDING_POSTED.transferId())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void refusesAPostingToAnUnknownCreditAccount(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = new AccountBalanceProjection(store, progress);
        projection.on(SETTLEMENT_OPENED, SETTLEMENT_OPENED_AT);

        assertThatThrownBy(() -> projection.on(FUNDING_POSTED, FUNDING_POSTED_AT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(ALICE);
        assertThat(store.findTransfer(FUNDING_POSTED.transferId())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void leavesTheDebitBalanceUntouchedWhenThePostingIsRefusedForItsCreditAccount(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = new AccountBalanceProjection(store, progress);
        projection.on(SETTLEMENT_OPENED, SETTLEMENT_OPENED_AT);

        assertThatThrownBy(() -> projection.on(FUNDING_POSTED, FUNDING_POSTED_AT))
                .isInstanceOf(IllegalStateException.class);
        assertThat(store.findAccount(SETTLEMENT)).map(AccountView::postedMinor).contains(0L);
    }

    @Test
    void rollsBackTheDebitLegWhenTheDatabaseTransactionAroundARefusedPostingRollsBack() {
        DataSource dataSource = H2ReadModel.freshDataSource();
        BalanceStore store = new JdbcBalanceStore(new JdbcTemplate(dataSource));
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        AccountBalanceProjection projection = new AccountBalanceProjection(store, progress);
        projection.on(SETTLEMENT_OPENED, SETTLEMENT_OPENED_AT);

        assertThatThrownBy(() -> transaction.executeWithoutResult(
                status -> projection.on(FUNDING_POSTED, FUNDING_POSTED_AT)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(store.findAccount(SETTLEMENT)).map(AccountView::postedMinor).contains(0L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void refusesToProjectTheSameTransferTwiceAndKeepsTheFirstRecord(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = new AccountBalanceProjection(store, progress);
        projection.on(SETTLEMENT_OPENED, SETTLEMENT_OPENED_AT);
        projection.on(ALICE_OPENED, ALICE_OPENED_AT);
        projection.on(FUNDING_POSTED, FUNDING_POSTED_AT);

        assertThatThrownBy(() -> projection.on(FUNDING_POSTED, LATER)).isInstanceOf(RuntimeException.class);
        assertThat(store.findTransfer(FUNDING_POSTED.transferId())).map(TransferView::createdAt)
                .contains(FUNDING_POSTED_AT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void refusesToProjectTheSameTransferTwiceWithoutMovingMoneyAgain(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = new AccountBalanceProjection(store, progress);
        projection.on(SETTLEMENT_OPENED, SETTLEMENT_OPENED_AT);
        projection.on(ALICE_OPENED, ALICE_OPENED_AT);
        projection.on(FUNDING_POSTED, FUNDING_POSTED_AT);

        assertThatThrownBy(() -> projection.on(FUNDING_POSTED, LATER)).isInstanceOf(IllegalStateException.class);
        assertThat(store.findAccount(ALICE)).map(AccountView::postedMinor).contains(10_000L);
        assertThat(store.findAccount(SETTLEMENT)).map(AccountView::postedMinor).contains(-10_000L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void signalsProgressAfterEveryEventItProjects(Supplier<BalanceStore> stores) throws InterruptedException {
        AccountBalanceProjection projection = new AccountBalanceProjection(stores.get(), progress);
        List<Consumer<AccountBalanceProjection>> events = RecordedLedger.events();

        // The recorded ledger holds every kind of event the projection handles, so each handler is covered.
        for (int i = 0; i < events.size(); i++) {
            SignalWaiter waiter = SignalWaiter.start(progress, LONG_WAIT_MILLIS);
            events.get(i).accept(projection);
            assertThat(waiter.elapsed(Duration.ofMillis(LONG_WAIT_MILLIS * 2))).as("after event %d", i)
                    .isLessThan(PROMPTLY);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void doesNotSignalProgressForAnEventTheStoreRefused(Supplier<BalanceStore> stores) throws InterruptedException {
        AccountBalanceProjection projection = new AccountBalanceProjection(stores.get(), progress);
        long shortWaitMillis = 300;

        SignalWaiter waiter = SignalWaiter.start(progress, shortWaitMillis);
        assertThatThrownBy(() -> projection.on(FUNDING_POSTED, FUNDING_POSTED_AT))
                .isInstanceOf(IllegalStateException.class);

        assertThat(waiter.elapsed(Duration.ofMillis(LONG_WAIT_MILLIS)))
                .isGreaterThanOrEqualTo(Duration.ofMillis(shortWaitMillis - 20));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void doesNotSignalProgressForAHoldResolutionTheStoreRefused(Supplier<BalanceStore> stores)
            throws InterruptedException {
        AccountBalanceProjection projection = new AccountBalanceProjection(stores.get(), progress);
        long shortWaitMillis = 300;

        SignalWaiter waiter = SignalWaiter.start(progress, shortWaitMillis);
        assertThatThrownBy(() -> projection.on(new HoldVoidedEvent("tr-unknown", ALICE, BOB, 100, "EUR"), LATER))
                .isInstanceOf(IllegalStateException.class);

        assertThat(waiter.elapsed(Duration.ofMillis(LONG_WAIT_MILLIS)))
                .isGreaterThanOrEqualTo(Duration.ofMillis(shortWaitMillis - 20));
    }

    @Test
    void buildsIdenticalRowsInMemoryAndInTheDatabaseFromTheSameEvents() {
        BalanceStore inMemory = new InMemoryBalanceStore();
        BalanceStore jdbc = H2ReadModel.freshStore();

        RecordedLedger.replayInto(new AccountBalanceProjection(inMemory, progress));
        RecordedLedger.replayInto(new AccountBalanceProjection(jdbc, progress));

        assertThat(jdbc.allAccounts()).isNotEmpty().isEqualTo(inMemory.allAccounts());
        assertThat(transfersOf(jdbc)).hasSize(EXPECTED_TRANSFERS.size()).isEqualTo(transfersOf(inMemory));
    }

    private static List<TransferView> transfersOf(BalanceStore store) {
        return RecordedLedger.transferIds().stream().map(store::findTransfer).flatMap(Optional::stream).toList();
    }
}
