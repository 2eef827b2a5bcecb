package io.ledger.query.balance;

import io.ledger.core.account.AccountView;
import io.ledger.core.transfer.HoldPlacedEvent;
import io.ledger.core.transfer.HoldPostedEvent;
import io.ledger.core.transfer.ReversalPostedEvent;
import io.ledger.core.transfer.TransferReversedEvent;
import io.ledger.core.transfer.TransferView;
import io.ledger.query.ProjectionProgress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

import static io.ledger.core.account.AccountStatus.ACTIVE;
import static io.ledger.core.transfer.TransferKind.HOLD;
import static io.ledger.core.transfer.TransferKind.REVERSAL;
import static io.ledger.core.transfer.TransferKind.TRANSFER;
import static io.ledger.core.transfer.TransferStatus.POSTED;
import static io.ledger.query.balance.RecordedLedger.ALICE;
import static io.ledger.query.balance.RecordedLedger.ALICE_OPENED;
import static io.ledger.query.balance.RecordedLedger.ALICE_OPENED_AT;
import static io.ledger.query.balance.RecordedLedger.BOB;
import static io.ledger.query.balance.RecordedLedger.BOB_OPENED;
import static io.ledger.query.balance.RecordedLedger.BOB_OPENED_AT;
import static io.ledger.query.balance.RecordedLedger.FUNDING;
import static io.ledger.query.balance.RecordedLedger.FUNDING_POSTED;
import static io.ledger.query.balance.RecordedLedger.FUNDING_POSTED_AT;
import static io.ledger.query.balance.RecordedLedger.INVOICE;
import static io.ledger.query.balance.RecordedLedger.INVOICE_POSTED;
import static io.ledger.query.balance.RecordedLedger.INVOICE_POSTED_AT;
import static io.ledger.query.balance.RecordedLedger.SETTLEMENT;
import static io.ledger.query.balance.RecordedLedger.SETTLEMENT_OPENED;
import static io.ledger.query.balance.RecordedLedger.SETTLEMENT_OPENED_AT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reversals in the balance view, over both stores. A reversal is its own posted row that names the transfer it
 * gives back and moves money the other way; the original then records how much of it was given back in total.
 * Alice starts with 100.00 from the settlement account and has paid Bob's invoice of 25.25.
 */
class ReversalProjectionTest {

    private static final String REVERSAL_ID = "tr-200-reversal";
    private static final Instant REVERSED_AT = Instant.parse("2024-03-12T08:15:00.321Z");
    private static final ReversalPostedEvent REVERSAL_POSTED = new ReversalPostedEvent(REVERSAL_ID, INVOICE, BOB,
            ALICE, 1_000, "EUR", Map.of("reason", "damaged goods"));
    private static final TransferView INVOICE_ROW = new TransferView(INVOICE, TRANSFER, ALICE, BOB, 2_525, 2_525, 0,
            "EUR", Map.of("invoice", "2024-17"), POSTED, null, null, INVOICE_POSTED_AT, null);

    private final ProjectionProgress progress = new ProjectionProgress();

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void recordsAReversalAsAPostedRowThatNamesTheTransferItReverses(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceHasPaidBobsInvoice(store);

        projection.on(REVERSAL_POSTED, REVERSED_AT);

        assertThat(store.findTransfer(REVERSAL_ID)).contains(new TransferView(REVERSAL_ID, REVERSAL, BOB, ALICE, 1_000,
                1_000, 0, "EUR", Map.of("reason", "damaged goods"), POSTED, INVOICE, null, REVERSED_AT, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void movesAReversalsAmountBackFromTheOriginalsCreditAccountToItsDebitAccount(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceHasPaidBobsInvoice(store);

        projection.on(REVERSAL_POSTED, REVERSED_AT);

        assertThat(store.allAccounts()).containsExactly(
                alice(10_000 - 2_525 + 1_000), bob(2_525 - 1_000), settlement(-10_000));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void setsHowMuchOfTheOriginalWasReversedAndNothingElseOfItsRow(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceHasPaidBobsInvoice(store);
        projection.on(REVERSAL_POSTED, REVERSED_AT);

        projection.on(new TransferReversedEvent(INVOICE, REVERSAL_ID, 1_000, 1_000));

        assertThat(store.findTransfer(INVOICE)).contains(new TransferView(INVOICE, TRANSFER, ALICE, BOB, 2_525, 2_525,
                1_000, "EUR", Map.of("invoice", "2024-17"), POSTED, null, null, INVOICE_POSTED_AT, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void movesNoMoneyWhenTheOriginalRecordsThatItWasReversed(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceHasPaidBobsInvoice(store);
        projection.on(REVERSAL_POSTED, REVERSED_AT);
        var accountsBefore = store.allAccounts();

        projection.on(new TransferReversedEvent(INVOICE, REVERSAL_ID, 1_000, 1_000));

        assertThat(store.allAccounts()).isEqualTo(accountsBefore);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void takesTheTotalReversedFromTheLatestReversalAfterSeveralPartialOnes(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceHasPaidBobsInvoice(store);

        projection.on(REVERSAL_POSTED, REVERSED_AT);
        projection.on(new TransferReversedEvent(INVOICE, REVERSAL_ID, 1_000, 1_000));
        projection.on(new ReversalPostedEvent("tr-201-reversal", INVOICE, BOB, ALICE, 1_525, "EUR", Map.of()),
                REVERSED_AT.plusSeconds(60));
        projection.on(new TransferReversedEvent(INVOICE, "tr-201-reversal", 1_525, 2_525));

        assertThat(store.findTransfer(INVOICE)).map(TransferView::reversedMinor).contains(2_525L);
        assertThat(store.allAccounts()).containsExactly(alice(10_000), bob(0), settlement(-10_000));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void reversesThePostedPartOfAHoldAndKeepsTheHoldPosted(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceHasPaidBobsInvoice(store);
        Instant placedAt = Instant.parse("2024-03-11T10:00:00Z");
        Instant expiresAt = Instant.parse("2024-03-12T10:00:00Z");
        Instant postedAt = Instant.parse("2024-03-11T11:00:00Z");
        projection.on(new HoldPlacedEvent("tr-300-hold", ALICE, BOB, 3_000, "EUR", Map.of(), null, expiresAt),
                placedAt);
        projection.on(new HoldPostedEvent("tr-300-hold", ALICE, BOB, 3_000, 1_200, 1_800, "EUR"), postedAt);

        projection.on(new ReversalPostedEvent(REVERSAL_ID, "tr-300-hold", BOB, ALICE, 1_200, "EUR", Map.of()),
                REVERSED_AT);
        projection.on(new TransferReversedEvent("tr-300-hold", REVERSAL_ID, 1_200, 1_200));

        assertThat(store.findTransfer("tr-300-hold")).contains(new TransferView("tr-300-hold", HOLD, ALICE, BOB,
                3_000, 1_200, 1_200, "EUR", Map.of(), POSTED, null, expiresAt, placedAt, postedAt));
        assertThat(store.allAccounts()).containsExactly(alice(10_000 - 2_525), bob(2_525), settlement(-10_000));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void refusesToProjectTheSameReversalTwiceAndChangesNoRow(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceHasPaidBobsInvoice(store);
        projection.on(REVERSAL_POSTED, REVERSED_AT);
        BalanceRows before = BalanceRows.of(store, FUNDING, INVOICE, REVERSAL_ID);

        assertThatThrownBy(() -> projection.on(REVERSAL_POSTED, REVERSED_AT.plusSeconds(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(REVERSAL_ID);
        assertThat(BalanceRows.of(store, FUNDING, INVOICE, REVERSAL_ID)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void refusesAReversalWithTheIdOfAnotherTransferAndChangesNoRow(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceHasPaidBobsInvoice(store);
        BalanceRows before = BalanceRows.of(store, FUNDING, INVOICE);

        assertThatThrownBy(() -> projection.on(new ReversalPostedEvent(FUNDING, INVOICE, BOB, ALICE, 1_000, "EUR",
                Map.of()), REVERSED_AT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(FUNDING);
        assertThat(BalanceRows.of(store, FUNDING, INVOICE)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void refusesAReversalFromAnUnknownAccountAndChangesNoRow(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceHasPaidBobsInvoice(store);
        BalanceRows before = BalanceRows.of(store, FUNDING, INVOICE, REVERSAL_ID);

        assertThatThrownBy(() -> projection.on(new ReversalPostedEvent(REVERSAL_ID, INVOICE, "acc-nobody", ALICE,
                1_000, "EUR", Map.of()), REVERSED_AT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("acc-nobody");
        assertThat(BalanceRows.of(store, FUNDING, INVOICE, REVERSAL_ID)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void refusesAReversalToAnUnknownAccountAndChangesNoRow(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceHasPaidBobsInvoice(store);
        BalanceRows before = BalanceRows.of(store, FUNDING, INVOICE, REVERSAL_ID);

        assertThatThrownBy(() -> projection.on(new ReversalPostedEvent(REVERSAL_ID, INVOICE, BOB, "acc-nobody",
                1_000, "EUR", Map.of()), REVERSED_AT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("acc-nobody");
        assertThat(BalanceRows.of(store, FUNDING, INVOICE, REVERSAL_ID)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void refusesToRecordThatAnUnknownTransferWasReversedAndChangesNoRow(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceHasPaidBobsInvoice(store);
        BalanceRows before = BalanceRows.of(store, FUNDING, INVOICE, "tr-unknown");

        assertThatThrownBy(() -> projection.on(new TransferReversedEvent("tr-unknown", REVERSAL_ID, 1_000, 1_000)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tr-unknown");
        assertThat(BalanceRows.of(store, FUNDING, INVOICE, "tr-unknown")).isEqualTo(before);
        assertThat(store.findTransfer(INVOICE)).contains(INVOICE_ROW);
    }

    private AccountBalanceProjection aliceHasPaidBobsInvoice(BalanceStore store) {
        AccountBalanceProjection projection = new AccountBalanceProjection(store, progress);
        projection.on(SETTLEMENT_OPENED, SETTLEMENT_OPENED_AT);
        projection.on(BOB_OPENED, BOB_OPENED_AT);
        projection.on(ALICE_OPENED, ALICE_OPENED_AT);
        projection.on(FUNDING_POSTED, FUNDING_POSTED_AT);
        projection.on(INVOICE_POSTED, INVOICE_POSTED_AT);
        return projection;
    }

    private static AccountView alice(long postedMinor) {
        return new AccountView(ALICE, "EUR", "Alice", 0, false, ACTIVE, postedMinor, 0, 0, ALICE_OPENED_AT);
    }

    private static AccountView bob(long postedMinor) {
        return new AccountView(BOB, "EUR", "Bob", 5_000, false, ACTIVE, postedMinor, 0, 0, BOB_OPENED_AT);
    }

    private static AccountView settlement(long postedMinor) {
        return new AccountView(SETTLEMENT, "EUR", "Settlement", 0, true, ACTIVE, postedMinor, 0, 0,
                SETTLEMENT_OPENED_AT);
    }
}
