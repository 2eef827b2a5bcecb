package io.ledger.query.balance;

import io.ledger.core.account.AccountClosedEvent;
import io.ledger.core.account.AccountFrozenEvent;
import io.ledger.core.account.AccountOpenedEvent;
import io.ledger.core.account.AccountOverdraftLimitChangedEvent;
import io.ledger.core.account.AccountStatus;
import io.ledger.core.account.AccountUnfrozenEvent;
import io.ledger.core.account.AccountView;
import io.ledger.core.transfer.HoldPlacedEvent;
import io.ledger.core.transfer.HoldVoidedEvent;
import io.ledger.query.ProjectionProgress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.ledger.core.account.AccountStatus.ACTIVE;
import static io.ledger.core.account.AccountStatus.CLOSED;
import static io.ledger.core.account.AccountStatus.FROZEN;
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
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Account status and overdraft limit in the balance view, over both stores. Each of these events changes exactly
 * its field of exactly its account's row. Alice holds 100.00 from the settlement account, 30.00 of it held for Bob.
 */
class AccountLifecycleProjectionTest {

    private static final String HOLD_ID = "tr-400-hold";
    private static final Instant PLACED_AT = Instant.parse("2024-03-10T09:00:00Z");
    private static final Instant EXPIRES_AT = Instant.parse("2024-03-11T09:00:00Z");

    private final ProjectionProgress progress = new ProjectionProgress();

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void freezesAnAccountAndLeavesEveryOtherFieldAndAccountAsItWas(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceWithAHoldForBob(store);

        projection.on(new AccountFrozenEvent(ALICE, "suspicious activity"));

        assertThat(store.allAccounts()).containsExactly(
                alice(FROZEN, 0, false), bob(ACTIVE, 5_000, false), settlement(ACTIVE, 0, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void unfreezesAFrozenAccountBackToActive(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceWithAHoldForBob(store);
        projection.on(new AccountFrozenEvent(ALICE, "suspicious activity"));

        projection.on(new AccountUnfrozenEvent(ALICE, "cleared"));

        assertThat(store.allAccounts()).containsExactly(
                alice(ACTIVE, 0, false), bob(ACTIVE, 5_000, false), settlement(ACTIVE, 0, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void closesAnAccount(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceWithAHoldForBob(store);
        Instant openedAt = Instant.parse("2024-03-10T10:00:00.777Z");
        projection.on(new AccountOpenedEvent("acc-empty", "GBP", "Empty", 100, false),
                openedAt);

        projection.on(new AccountClosedEvent("acc-empty", "customer request"));

        assertThat(store.findAccount("acc-empty")).contains(
                new AccountView("acc-empty", "GBP", "Empty", 100, false, CLOSED, 0, 0, 0, openedAt));
        assertThat(store.allAccounts()).contains(
                alice(ACTIVE, 0, false), bob(ACTIVE, 5_000, false), settlement(ACTIVE, 0, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void setsANewOverdraftLimit(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceWithAHoldForBob(store);

        projection.on(new AccountOverdraftLimitChangedEvent(ALICE, 20_000, false, "salary account"));

        assertThat(store.allAccounts()).containsExactly(
                alice(ACTIVE, 20_000, false), bob(ACTIVE, 5_000, false), settlement(ACTIVE, 0, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void makesALimitedOverdraftUnlimited(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceWithAHoldForBob(store);

        projection.on(new AccountOverdraftLimitChangedEvent(BOB, 0, true, "internal account"));

        assertThat(store.allAccounts()).containsExactly(
                alice(ACTIVE, 0, false), bob(ACTIVE, 0, true), settlement(ACTIVE, 0, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void makesAnUnlimitedOverdraftLimited(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceWithAHoldForBob(store);

        projection.on(new AccountOverdraftLimitChangedEvent(SETTLEMENT, 1_000_000, false, "risk review"));

        assertThat(store.allAccounts()).containsExactly(
                alice(ACTIVE, 0, false), bob(ACTIVE, 5_000, false), settlement(ACTIVE, 1_000_000, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.balance.BalanceStores#both")
    void releasesTheHoldOfAFrozenAccountAndKeepsItFrozen(Supplier<BalanceStore> stores) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceWithAHoldForBob(store);
        projection.on(new AccountFrozenEvent(ALICE, "suspicious activity"));

        projection.on(new HoldVoidedEvent(HOLD_ID, ALICE, BOB, 3_000, "EUR"), PLACED_AT.plusSeconds(60));

        assertThat(store.findAccount(ALICE)).contains(new AccountView(ALICE, "EUR", "Alice", 0, false, FROZEN,
                10_000, 0, 0, ALICE_OPENED_AT));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("storesAndLifecycleEventsOfAnUnknownAccount")
    void refusesALifecycleEventOfAnUnknownAccountAndChangesNoRow(Supplier<BalanceStore> stores,
                                                                Consumer<AccountBalanceProjection> event) {
        BalanceStore store = stores.get();
        AccountBalanceProjection projection = aliceWithAHoldForBob(store);
        BalanceRows before = BalanceRows.of(store, FUNDING, HOLD_ID);

        assertThatThrownBy(() -> event.accept(projection))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("acc-nobody");
        assertThat(BalanceRows.of(store, FUNDING, HOLD_ID)).isEqualTo(before);
        assertThat(store.findAccount("acc-nobody")).isEmpty();
    }

    static Stream<Arguments> storesAndLifecycleEventsOfAnUnknownAccount() {
        List<Arguments> events = List.of(
                arguments(named("frozen", (Consumer<AccountBalanceProjection>) projection ->
                        projection.on(new AccountFrozenEvent("acc-nobody", "x")))),
                arguments(named("unfrozen", (Consumer<AccountBalanceProjection>) projection ->
                        projection.on(new AccountUnfrozenEvent("acc-nobody", "x")))),
                arguments(named("closed", (Consumer<AccountBalanceProjection>) projection ->
                        projection.on(new AccountClosedEvent("acc-nobody", "x")))),
                arguments(named("overdraft limit changed", (Consumer<AccountBalanceProjection>) projection ->
                        projection.on(new AccountOverdraftLimitChangedEvent("acc-nobody", 500, false, "x")))),
                arguments(named("overdraft made unlimited", (Consumer<AccountBalanceProjection>) projection ->
                        projection.on(new AccountOverdraftLimitChangedEvent("acc-nobody", 0, true, "x")))));
        return BalanceStores.both().flatMap(store -> events.stream()
                .map(event -> arguments(store.get()[0], event.get()[0])));
    }

    private AccountBalanceProjection aliceWithAHoldForBob(BalanceStore store) {
        AccountBalanceProjection projection = new AccountBalanceProjection(store, progress);
        projection.on(SETTLEMENT_OPENED, SETTLEMENT_OPENED_AT);
        projection.on(BOB_OPENED, BOB_OPENED_AT);
        projection.on(ALICE_OPENED, ALICE_OPENED_AT);
        projection.on(FUNDING_POSTED, FUNDING_POSTED_AT);
        projection.on(new HoldPlacedEvent(HOLD_ID, ALICE, BOB, 3_000, "EUR", Map.of(), null, EXPIRES_AT), PLACED_AT);
        return projection;
    }

    private static AccountView alice(AccountStatus status, long overdraftLimitMinor, boolean unlimitedOverdraft) {
        return new AccountView(ALICE, "EUR", "Alice", overdraftLimitMinor, unlimitedOverdraft, status, 10_000, 3_000,
                0, ALICE_OPENED_AT);
    }

    private static AccountView bob(AccountStatus status, long overdraftLimitMinor, boolean unlimitedOverdraft) {
        return new AccountView(BOB, "EUR", "Bob", overdraftLimitMinor, unlimitedOverdraft, status, 0, 0, 3_000,
                BOB_OPENED_AT);
    }

    private static AccountView settlement(AccountStatus status, long overdraftLimitMinor,
                                          boolean unlimitedOverdraft) {
        return new AccountView(SETTLEMENT, "EUR", "Settlement", overdraftLimitMinor, unlimitedOverdraft, status,
                -10_000, 0, 0, SETTLEMENT_OPENED_AT);
    }
}
