package io.ledger.query.balance;

import io.ledger.core.account.FindAccountQuery;
import io.ledger.core.transfer.FindDueHoldsQuery;
import io.ledger.core.transfer.FindTransferQuery;
import io.ledger.core.transfer.HoldPlacedEvent;
import io.ledger.query.ProjectionProgress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

import static io.ledger.query.balance.RecordedLedger.ALICE;
import static io.ledger.query.balance.RecordedLedger.BOB;
import static io.ledger.query.balance.RecordedLedger.EXPECTED_ACCOUNTS;
import static io.ledger.query.balance.RecordedLedger.EXPECTED_TRANSFERS;
import static io.ledger.query.balance.RecordedLedger.HOTEL;
import static io.ledger.query.balance.RecordedLedger.INVOICE;
import static io.ledger.query.balance.RecordedLedger.PARKING;
import static io.ledger.query.balance.RecordedLedger.PARKING_EXPIRES_AT;
import static io.ledger.query.balance.RecordedLedger.TAXI;
import static org.assertj.core.api.Assertions.assertThat;

/** The balance view's queries, answered over each store after the recorded ledger was projected into it. */
class BalanceQueryHandlerTest {

    private static final Instant MUCH_LATER = Instant.parse("2024-06-01T00:00:00Z");

    private final ProjectionProgress progress = new ProjectionProgress();

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void answersAnUnknownAccountWithNothing(Supplier<BalanceStore> stores) {
        assertThat(handlerOverTheRecordedLedger(stores.get()).handle(new FindAccountQuery("acc-nobody"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void answersAKnownAccountWithItsView(Supplier<BalanceStore> stores) {
        assertThat(handlerOverTheRecordedLedger(stores.get()).handle(new FindAccountQuery(ALICE)))
                .contains(EXPECTED_ACCOUNTS.stream().filter(a -> a.accountId().equals(ALICE)).findFirst().orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void answersAnUnknownTransferWithNothing(Supplier<BalanceStore> stores) {
        assertThat(handlerOverTheRecordedLedger(stores.get()).handle(new FindTransferQuery("tr-nothing"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void answersAKnownTransferWithItsView(Supplier<BalanceStore> stores) {
        assertThat(handlerOverTheRecordedLedger(stores.get()).handle(new FindTransferQuery(INVOICE)))
                .contains(EXPECTED_TRANSFERS.stream().filter(t -> t.transferId().equals(INVOICE)).findFirst().orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void answersAKnownHoldWithItsView(Supplier<BalanceStore> stores) {
        assertThat(handlerOverTheRecordedLedger(stores.get()).handle(new FindTransferQuery(HOTEL)))
                .contains(EXPECTED_TRANSFERS.stream().filter(t -> t.transferId().equals(HOTEL)).findFirst().orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void doesNotMistakeAnAccountIdForATransferId(Supplier<BalanceStore> stores) {
        BalanceQueryHandler handler = handlerOverTheRecordedLedger(stores.get());

        assertThat(handler.handle(new FindTransferQuery(ALICE))).isEmpty();
        assertThat(handler.handle(new FindAccountQuery(INVOICE))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void answersTheDueHoldsWithTheIdsOfOnlyThePendingOnes(Supplier<BalanceStore> stores) {
        BalanceQueryHandler handler = handlerOverTheRecordedLedger(stores.get());

        // The taxi hold expired at the same instant as the parking hold, and the hotel hold was posted.
        assertThat(handler.handle(new FindDueHoldsQuery(MUCH_LATER, 10))).containsExactly(PARKING)
                .doesNotContain(TAXI, HOTEL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void answersAHoldExpiringExactlyAtTheQueriedInstantAsDue(Supplier<BalanceStore> stores) {
        BalanceQueryHandler handler = handlerOverTheRecordedLedger(stores.get());

        assertThat(handler.handle(new FindDueHoldsQuery(PARKING_EXPIRES_AT, 10))).containsExactly(PARKING);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void answersNoDueHoldsBeforeTheEarliestExpiry(Supplier<BalanceStore> stores) {
        BalanceQueryHandler handler = handlerOverTheRecordedLedger(stores.get());

        assertThat(handler.handle(new FindDueHoldsQuery(PARKING_EXPIRES_AT.minusMillis(1), 10))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void answersTheEarliestDueHoldsFirstAndNoMoreThanTheLimit(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        BalanceQueryHandler handler = handlerOverTheRecordedLedger(store);
        AccountBalanceProjection projection = new AccountBalanceProjection(store, progress);
        Instant placedAt = Instant.parse("2024-03-06T00:00:00Z");
        projection.on(new HoldPlacedEvent("tr-900-late", ALICE, BOB, 10, "EUR", Map.of(), null,
                PARKING_EXPIRES_AT.plusSeconds(3_600)), placedAt);
        projection.on(new HoldPlacedEvent("tr-000-early", ALICE, BOB, 10, "EUR", Map.of(), null,
                PARKING_EXPIRES_AT.minusSeconds(3_600)), placedAt);

        assertThat(handler.handle(new FindDueHoldsQuery(MUCH_LATER, 10)))
                .containsExactly("tr-000-early", PARKING, "tr-900-late");
        assertThat(handler.handle(new FindDueHoldsQuery(MUCH_LATER, 2))).containsExactly("tr-000-early", PARKING);
    }

    private BalanceQueryHandler handlerOverTheRecordedLedger(BalanceStore store) {
        RecordedLedger.replayInto(new AccountBalanceProjection(store, progress));
        return new BalanceQueryHandler(store);
    }
}
