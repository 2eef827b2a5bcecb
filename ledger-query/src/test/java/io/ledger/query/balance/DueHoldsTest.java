package io.ledger.query.balance;

import io.ledger.core.transfer.HoldExpiredEvent;
import io.ledger.core.transfer.HoldPlacedEvent;
import io.ledger.core.transfer.HoldPostedEvent;
import io.ledger.core.transfer.HoldVoidedEvent;
import io.ledger.query.ProjectionProgress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

import static io.ledger.query.balance.RecordedLedger.ALICE;
import static io.ledger.query.balance.RecordedLedger.ALICE_OPENED;
import static io.ledger.query.balance.RecordedLedger.ALICE_OPENED_AT;
import static io.ledger.query.balance.RecordedLedger.BOB;
import static io.ledger.query.balance.RecordedLedger.BOB_OPENED;
import static io.ledger.query.balance.RecordedLedger.BOB_OPENED_AT;
import static io.ledger.query.balance.RecordedLedger.FUNDING_POSTED;
import static io.ledger.query.balance.RecordedLedger.FUNDING_POSTED_AT;
import static io.ledger.query.balance.RecordedLedger.SETTLEMENT_OPENED;
import static io.ledger.query.balance.RecordedLedger.SETTLEMENT_OPENED_AT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which holds the expiry sweeper is told to expire, over both stores: pending holds whose expiry is at or before
 * "now", earliest expiry first and by id among equal expiries, at most the limit. The answer comes from stored
 * rows only, so it is the same after any restart.
 */
class DueHoldsTest {

    private static final Instant NOW = Instant.parse("2024-03-10T12:00:00Z");
    private static final Instant PLACED_AT = NOW.minus(Duration.ofDays(1));
    private static final int NO_LIMIT = 100;

    private final ProjectionProgress progress = new ProjectionProgress();

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void answersNothingWhenThereAreNoHolds(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        aliceFunded(store);

        assertThat(store.dueHolds(NOW, NO_LIMIT)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void listsOnlyPendingHoldsWhoseExpiryIsAtOrBeforeNow(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceFunded(store);
        place(projection, "h-past", NOW.minus(Duration.ofHours(1)));
        place(projection, "h-now", NOW);
        place(projection, "h-future", NOW.plus(Duration.ofHours(1)));

        assertThat(store.dueHolds(NOW, NO_LIMIT)).containsExactly("h-past", "h-now");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void countsAHoldExpiringExactlyAtNowAsDue(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        place(aliceFunded(store), "h-now", NOW);

        assertThat(store.dueHolds(NOW, NO_LIMIT)).containsExactly("h-now");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void doesNotCountAHoldExpiringOneMicrosecondAfterNowAsDue(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        place(aliceFunded(store), "h-soon", NOW.plusNanos(1_000));

        assertThat(store.dueHolds(NOW, NO_LIMIT)).isEmpty();
        assertThat(store.dueHolds(NOW.plusNanos(1_000), NO_LIMIT)).containsExactly("h-soon");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void listsTheEarliestExpiryFirstAndOrdersEqualExpiriesById(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceFunded(store);
        // Placed neither in id order nor in expiry order, so that neither order is an accident of insertion.
        place(projection, "h-c", NOW.minus(Duration.ofHours(1)));
        place(projection, "h-b", NOW.minus(Duration.ofHours(2)));
        place(projection, "h-e", NOW);
        place(projection, "h-a", NOW.minus(Duration.ofHours(1)));
        place(projection, "h-d", NOW.minus(Duration.ofHours(3)));

        assertThat(store.dueHolds(NOW, NO_LIMIT)).containsExactly("h-d", "h-b", "h-a", "h-c", "h-e");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void answersAtMostTheLimitAndTakesTheEarliestExpiries(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceFunded(store);
        place(projection, "h-1", NOW.minus(Duration.ofMinutes(10)));
        place(projection, "h-2", NOW.minus(Duration.ofMinutes(30)));
        place(projection, "h-3", NOW.minus(Duration.ofMinutes(20)));
        place(projection, "h-4", NOW.minus(Duration.ofMinutes(40)));

        assertThat(store.dueHolds(NOW, 2)).containsExactly("h-4", "h-2");
        assertThat(store.dueHolds(NOW, 1)).containsExactly("h-4");
        assertThat(store.dueHolds(NOW, 4)).containsExactly("h-4", "h-2", "h-3", "h-1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void answersNothingForALimitOfZero(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        place(aliceFunded(store), "h-past", NOW.minus(Duration.ofHours(1)));

        assertThat(store.dueHolds(NOW, 0)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void neverListsAHoldThatWasPostedVoidedOrExpired(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceFunded(store);
        Instant longAgo = NOW.minus(Duration.ofHours(5));
        place(projection, "h-posted", longAgo);
        place(projection, "h-voided", longAgo);
        place(projection, "h-expired", longAgo);
        place(projection, "h-pending", NOW.minus(Duration.ofHours(1)));

        projection.on(new HoldPostedEvent("h-posted", ALICE, BOB, 100, 40, 60, "EUR"), longAgo.minusSeconds(60));
        projection.on(new HoldVoidedEvent("h-voided", ALICE, BOB, 100, "EUR"), longAgo.minusSeconds(30));
        projection.on(new HoldExpiredEvent("h-expired", ALICE, BOB, 100, "EUR", longAgo), longAgo.plusSeconds(1));

        assertThat(store.dueHolds(NOW, NO_LIMIT)).containsExactly("h-pending");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void neverListsAPostedTransferOrReversal(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        aliceFunded(store);

        assertThat(store.dueHolds(Instant.parse("9999-12-31T23:59:59Z"), NO_LIMIT)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void keepsListingADueHoldUntilItsExpiryIsProjected(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceFunded(store);
        Instant expiresAt = NOW.minus(Duration.ofMinutes(1));
        place(projection, "h-due", expiresAt);

        assertThat(store.dueHolds(NOW, NO_LIMIT)).containsExactly("h-due");
        assertThat(store.dueHolds(NOW.plusSeconds(5), NO_LIMIT)).containsExactly("h-due");

        projection.on(new HoldExpiredEvent("h-due", ALICE, BOB, 100, "EUR", expiresAt), NOW.plusSeconds(6));

        assertThat(store.dueHolds(NOW.plusSeconds(7), NO_LIMIT)).isEmpty();
    }

    private AccountBalanceProjection aliceFunded(BalanceStore store) {
        AccountBalanceProjection projection = new AccountBalanceProjection(store, progress);
        projection.on(SETTLEMENT_OPENED, SETTLEMENT_OPENED_AT);
        projection.on(BOB_OPENED, BOB_OPENED_AT);
        projection.on(ALICE_OPENED, ALICE_OPENED_AT);
        projection.on(FUNDING_POSTED, FUNDING_POSTED_AT);
        return projection;
    }

    private static void place(AccountBalanceProjection projection, String holdId, Instant expiresAt) {
        projection.on(new HoldPlacedEvent(holdId, ALICE, BOB, 100, "EUR", Map.of(), null, expiresAt), PLACED_AT);
    }
}
