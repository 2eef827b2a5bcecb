package io.ledger.query.balance;

import io.ledger.core.account.AccountView;
import io.ledger.core.transfer.HoldExpiredEvent;
import io.ledger.core.transfer.HoldPlacedEvent;
import io.ledger.core.transfer.HoldPostedEvent;
import io.ledger.core.transfer.HoldVoidedEvent;
import io.ledger.core.transfer.TransferView;
import io.ledger.query.ProjectionProgress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.ledger.core.account.AccountStatus.ACTIVE;
import static io.ledger.core.transfer.TransferKind.HOLD;
import static io.ledger.core.transfer.TransferStatus.EXPIRED;
import static io.ledger.core.transfer.TransferStatus.PENDING;
import static io.ledger.core.transfer.TransferStatus.POSTED;
import static io.ledger.core.transfer.TransferStatus.VOIDED;
import static io.ledger.query.balance.RecordedLedger.ALICE;
import static io.ledger.query.balance.RecordedLedger.ALICE_OPENED;
import static io.ledger.query.balance.RecordedLedger.ALICE_OPENED_AT;
import static io.ledger.query.balance.RecordedLedger.BOB;
import static io.ledger.query.balance.RecordedLedger.BOB_OPENED;
import static io.ledger.query.balance.RecordedLedger.BOB_OPENED_AT;
import static io.ledger.query.balance.RecordedLedger.FUNDING;
import static io.ledger.query.balance.RecordedLedger.FUNDING_POSTED;
import static io.ledger.query.balance.RecordedLedger.FUNDING_POSTED_AT;
import static io.ledger.query.balance.RecordedLedger.SETTLEMENT;
import static io.ledger.query.balance.RecordedLedger.SETTLEMENT_OPENED;
import static io.ledger.query.balance.RecordedLedger.SETTLEMENT_OPENED_AT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Holds in the balance view, over both stores: a hold reserves its amount on both accounts without moving it, and
 * its one outcome (posted in full or in part, voided, expired) releases the whole reservation and moves only what
 * was posted. Alice starts with 100.00 from the settlement account; the hold asks 30.00 of it for Bob.
 */
class HoldProjectionTest {

    private static final String HOLD_ID = "tr-100-hold";
    private static final Instant PLACED_AT = Instant.parse("2024-03-10T09:00:00.123Z");
    private static final Instant EXPIRES_AT = Instant.parse("2024-03-11T09:00:00Z");
    private static final Instant RESOLVED_AT = Instant.parse("2024-03-10T17:30:00.456Z");
    private static final Instant LATER = Instant.parse("2024-03-10T18:00:00Z");

    private static final HoldPlacedEvent HOLD_PLACED = new HoldPlacedEvent(HOLD_ID, ALICE, BOB, 3_000, "EUR",
            Map.of("order", "O-77"), 86_400L, EXPIRES_AT);

    private static final AccountView SETTLEMENT_FUNDED_ALICE = new AccountView(SETTLEMENT, "EUR", "Settlement", 0,
            true, ACTIVE, -10_000, 0, 0, SETTLEMENT_OPENED_AT);

    /** Each of the three outcomes of a hold, as the event the transfer stream would record. */
    private static final List<Resolution> RESOLUTIONS = List.of(
            new Resolution("posted in part", (projection, holdId, at) ->
                    projection.on(new HoldPostedEvent(holdId, ALICE, BOB, 3_000, 1_000, 2_000, "EUR"), at)),
            new Resolution("voided", (projection, holdId, at) ->
                    projection.on(new HoldVoidedEvent(holdId, ALICE, BOB, 3_000, "EUR"), at)),
            new Resolution("expired", (projection, holdId, at) ->
                    projection.on(new HoldExpiredEvent(holdId, ALICE, BOB, 3_000, "EUR", EXPIRES_AT), at)));

    private final ProjectionProgress progress = new ProjectionProgress();

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void reservesAHoldAsAPendingDebitOfTheDebitAccountAndAPendingCreditOfTheCreditAccount(
            Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceFundedWith100(store);

        projection.on(HOLD_PLACED, PLACED_AT);

        assertThat(store.allAccounts()).containsExactly(
                alice(10_000, 3_000, 0), bob(0, 0, 3_000), SETTLEMENT_FUNDED_ALICE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void recordsAPlacedHoldAsPendingWithItsExpiryAndNothingPostedYet(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceFundedWith100(store);

        projection.on(HOLD_PLACED, PLACED_AT);

        assertThat(store.findTransfer(HOLD_ID)).contains(new TransferView(HOLD_ID, HOLD, ALICE, BOB, 3_000, 0, 0,
                "EUR", Map.of("order", "O-77"), PENDING, null, EXPIRES_AT, PLACED_AT, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void takesAHoldsPendingDebitOutOfTheAvailableBalanceButNotOutOfThePostedBalance(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceFundedWith100(store);

        projection.on(HOLD_PLACED, PLACED_AT);

        assertThat(store.findAccount(ALICE)).map(AccountView::postedMinor).contains(10_000L);
        assertThat(store.findAccount(ALICE)).map(AccountView::availableMinor).contains(7_000L);
        assertThat(store.findAccount(BOB)).map(AccountView::availableMinor).contains(0L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void postsAHoldInPartByMovingOnlyThePostedPartAndReleasingTheWholeReservation(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceFundedWith100(store);
        projection.on(HOLD_PLACED, PLACED_AT);

        projection.on(new HoldPostedEvent(HOLD_ID, ALICE, BOB, 3_000, 1_200, 1_800, "EUR"), RESOLVED_AT);

        assertThat(store.allAccounts()).containsExactly(
                alice(10_000 - 1_200, 0, 0), bob(1_200, 0, 0), SETTLEMENT_FUNDED_ALICE);
        assertThat(store.findTransfer(HOLD_ID)).contains(new TransferView(HOLD_ID, HOLD, ALICE, BOB, 3_000, 1_200, 0,
                "EUR", Map.of("order", "O-77"), POSTED, null, EXPIRES_AT, PLACED_AT, RESOLVED_AT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void postsAHoldInFullByMovingItsWholeAmount(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceFundedWith100(store);
        projection.on(HOLD_PLACED, PLACED_AT);

        projection.on(new HoldPostedEvent(HOLD_ID, ALICE, BOB, 3_000, 3_000, 0, "EUR"), RESOLVED_AT);

        assertThat(store.allAccounts()).containsExactly(
                alice(7_000, 0, 0), bob(3_000, 0, 0), SETTLEMENT_FUNDED_ALICE);
        assertThat(store.findTransfer(HOLD_ID)).contains(new TransferView(HOLD_ID, HOLD, ALICE, BOB, 3_000, 3_000, 0,
                "EUR", Map.of("order", "O-77"), POSTED, null, EXPIRES_AT, PLACED_AT, RESOLVED_AT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void voidsAHoldByReleasingItsWholeAmountAndMovingNothing(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceFundedWith100(store);
        projection.on(HOLD_PLACED, PLACED_AT);

        projection.on(new HoldVoidedEvent(HOLD_ID, ALICE, BOB, 3_000, "EUR"), RESOLVED_AT);

        assertThat(store.allAccounts()).containsExactly(
                alice(10_000, 0, 0), bob(0, 0, 0), SETTLEMENT_FUNDED_ALICE);
        assertThat(store.findTransfer(HOLD_ID)).contains(new TransferView(HOLD_ID, HOLD, ALICE, BOB, 3_000, 0, 0,
                "EUR", Map.of("order", "O-77"), VOIDED, null, EXPIRES_AT, PLACED_AT, RESOLVED_AT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void expiresAHoldByReleasingItsWholeAmountAndMovingNothing(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceFundedWith100(store);
        projection.on(HOLD_PLACED, PLACED_AT);
        Instant sweptAt = EXPIRES_AT.plusMillis(250);

        projection.on(new HoldExpiredEvent(HOLD_ID, ALICE, BOB, 3_000, "EUR", EXPIRES_AT), sweptAt);

        assertThat(store.allAccounts()).containsExactly(
                alice(10_000, 0, 0), bob(0, 0, 0), SETTLEMENT_FUNDED_ALICE);
        assertThat(store.findTransfer(HOLD_ID)).contains(new TransferView(HOLD_ID, HOLD, ALICE, BOB, 3_000, 0, 0,
                "EUR", Map.of("order", "O-77"), EXPIRED, null, EXPIRES_AT, PLACED_AT, sweptAt));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void releasesOnlyTheResolvedHoldAndKeepsTheOthersReserved(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceFundedWith100(store);
        projection.on(HOLD_PLACED, PLACED_AT);
        projection.on(new HoldPlacedEvent("tr-101-hold", ALICE, SETTLEMENT, 500, "EUR", Map.of(), null, EXPIRES_AT),
                PLACED_AT.plusSeconds(1));
        projection.on(new HoldPlacedEvent("tr-102-hold", BOB, ALICE, 250, "EUR", Map.of(), null, EXPIRES_AT),
                PLACED_AT.plusSeconds(2));

        projection.on(new HoldPostedEvent(HOLD_ID, ALICE, BOB, 3_000, 1_000, 2_000, "EUR"), RESOLVED_AT);

        assertThat(store.allAccounts()).containsExactly(
                alice(9_000, 500, 250), bob(1_000, 250, 0),
                new AccountView(SETTLEMENT, "EUR", "Settlement", 0, true, ACTIVE, -10_000, 0, 500,
                        SETTLEMENT_OPENED_AT));
        assertThat(store.findTransfer("tr-101-hold")).map(TransferView::status).contains(PENDING);
        assertThat(store.findTransfer("tr-102-hold")).map(TransferView::status).contains(PENDING);
    }

    @ParameterizedTest(name = "{0}: {1}, then {2}")
    @MethodSource("storesAndTwoResolutions")
    void refusesToResolveAHoldASecondTimeAndChangesNoRow(Supplier<BalanceStore> stores, Resolution first,
                                                       Resolution second) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceFundedWith100(store);
        projection.on(HOLD_PLACED, PLACED_AT);
        first.resolve(projection, HOLD_ID, RESOLVED_AT);
        BalanceRows before = BalanceRows.of(store, FUNDING, HOLD_ID);

        assertThatThrownBy(() -> second.resolve(projection, HOLD_ID, LATER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(HOLD_ID);
        assertThat(BalanceRows.of(store, FUNDING, HOLD_ID)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("storesAndOneResolution")
    void refusesToResolveAnUnknownHoldAndChangesNoRow(Supplier<BalanceStore> stores, Resolution resolution) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceFundedWith100(store);
        projection.on(HOLD_PLACED, PLACED_AT);
        BalanceRows before = BalanceRows.of(store, FUNDING, HOLD_ID, "tr-unknown");

        assertThatThrownBy(() -> resolution.resolve(projection, "tr-unknown", RESOLVED_AT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tr-unknown");
        assertThat(BalanceRows.of(store, FUNDING, HOLD_ID, "tr-unknown")).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("storesAndOneResolution")
    void refusesToResolveAPostedTransferAsIfItWereAHoldAndChangesNoRow(Supplier<BalanceStore> stores,
                                                                      Resolution resolution) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceFundedWith100(store);
        BalanceRows before = BalanceRows.of(store, FUNDING);

        assertThatThrownBy(() -> resolution.resolve(projection, FUNDING, RESOLVED_AT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(FUNDING);
        assertThat(BalanceRows.of(store, FUNDING)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void refusesToPlaceTheSameHoldTwiceAndChangesNoRow(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceFundedWith100(store);
        projection.on(HOLD_PLACED, PLACED_AT);
        BalanceRows before = BalanceRows.of(store, FUNDING, HOLD_ID);

        assertThatThrownBy(() -> projection.on(HOLD_PLACED, LATER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(HOLD_ID);
        assertThat(BalanceRows.of(store, FUNDING, HOLD_ID)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void refusesToPlaceAHoldWithTheIdOfAPostedTransferAndChangesNoRow(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceFundedWith100(store);
        BalanceRows before = BalanceRows.of(store, FUNDING);

        assertThatThrownBy(() -> projection.on(new HoldPlacedEvent(FUNDING, ALICE, BOB, 3_000, "EUR", Map.of(),
                null, EXPIRES_AT), PLACED_AT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(FUNDING);
        assertThat(BalanceRows.of(store, FUNDING)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void refusesAHoldFromAnUnknownDebitAccountAndChangesNoRow(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceFundedWith100(store);
        BalanceRows before = BalanceRows.of(store, FUNDING, HOLD_ID);

        assertThatThrownBy(() -> projection.on(new HoldPlacedEvent(HOLD_ID, "acc-nobody", BOB, 3_000, "EUR",
                Map.of(), null, EXPIRES_AT), PLACED_AT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("acc-nobody");
        assertThat(BalanceRows.of(store, FUNDING, HOLD_ID)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void refusesAHoldToAnUnknownCreditAccountAndChangesNoRow(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceFundedWith100(store);
        BalanceRows before = BalanceRows.of(store, FUNDING, HOLD_ID);

        assertThatThrownBy(() -> projection.on(new HoldPlacedEvent(HOLD_ID, ALICE, "acc-nobody", 3_000, "EUR",
                Map.of(), null, EXPIRES_AT), PLACED_AT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("acc-nobody");
        assertThat(BalanceRows.of(store, FUNDING, HOLD_ID)).isEqualTo(before);
    }

    static Stream<Arguments> storesAndOneResolution() {
        return BalanceStores.both().flatMap(store -> RESOLUTIONS.stream()
                .map(resolution -> arguments(store.get()[0], resolution)));
    }

    static Stream<Arguments> storesAndTwoResolutions() {
        return BalanceStores.both().flatMap(store -> RESOLUTIONS.stream().flatMap(first -> RESOLUTIONS.stream()
                .map(second -> arguments(store.get()[0], first, second))));
    }

    private AccountBalanceProjection aliceFundedWith100(BalanceStore store) {
        AccountBalanceProjection projection = new AccountBalanceProjection(store, progress);
        projection.on(SETTLEMENT_OPENED, SETTLEMENT_OPENED_AT);
        projection.on(BOB_OPENED, BOB_OPENED_AT);
        projection.on(ALICE_OPENED, ALICE_OPENED_AT);
        projection.on(FUNDING_POSTED, FUNDING_POSTED_AT);
        return projection;
    }

    private static AccountView alice(long postedMinor, long pendingDebitsMinor, long pendingCreditsMinor) {
        return new AccountView(ALICE, "EUR", "Alice", 0, false, ACTIVE, postedMinor, pendingDebitsMinor,
                pendingCreditsMinor, ALICE_OPENED_AT);
    }

    private static AccountView bob(long postedMinor, long pendingDebitsMinor, long pendingCreditsMinor) {
        return new AccountView(BOB, "EUR", "Bob", 5_000, false, ACTIVE, postedMinor, pendingDebitsMinor,
                pendingCreditsMinor, BOB_OPENED_AT);
    }

    /** One outcome of a hold, named for the test report. */
    record Resolution(String name, Resolver resolver) {

        void resolve(AccountBalanceProjection projection, String holdId, Instant at) {
            resolver.resolve(projection, holdId, at);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Resolver {
        void resolve(AccountBalanceProjection projection, String holdId, Instant at);
    }
}
