package io.ledger.command.account;

import io.ledger.command.Replay;
import io.ledger.core.account.AccountCreditedEvent;
import io.ledger.core.account.AccountDebitedEvent;
import io.ledger.core.account.AccountFrozenEvent;
import io.ledger.core.account.AccountHoldReleasedEvent;
import io.ledger.core.account.AccountHoldReservedEvent;
import io.ledger.core.account.AccountOpenedEvent;
import io.ledger.core.account.AccountUnfrozenEvent;
import io.ledger.core.account.LegSide;
import io.ledger.core.error.AccountFrozenException;
import io.ledger.core.error.CurrencyMismatchException;
import io.ledger.core.error.InsufficientFundsException;
import io.ledger.core.error.InvalidAmountException;
import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How holds and freezes act on one account: a pending debit reserves available funds (posted minus pending
 * debits), a pending credit is not yet available, the settling debit of a hold is not checked twice, and a frozen
 * account takes no new movement but can still let its holds go.
 */
class AccountHoldsAndFreezesTest {

    private static final String ALICE = "alice";
    private static final String BOB = "bob";
    private static final String EUR = "EUR";
    private static final String HOLD_1 = "h-1";
    private static final String HOLD_2 = "h-2";

    private FixtureConfiguration<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    // Reserving

    @Test
    void reservingAPendingDebitWithinTheAvailableBalanceRecordsIt() {
        fixture.given(opened(0), credited(1_000))
               .when(reserve(LegSide.DEBIT, 1_000))
               .expectEvents(new AccountHoldReservedEvent(ALICE, HOLD_2, LegSide.DEBIT, BOB, 1_000, EUR));
    }

    @Test
    void reservingAPendingDebitDownToExactlyTheOverdraftLimitIsAllowed() {
        fixture.given(opened(500), credited(1_000), reserved(LegSide.DEBIT, 1_000))
               .when(reserve(LegSide.DEBIT, 500))
               .expectEvents(new AccountHoldReservedEvent(ALICE, HOLD_2, LegSide.DEBIT, BOB, 500, EUR));
    }

    @Test
    void refusesAPendingDebitBeyondWhatEarlierHoldsLeaveAvailable() {
        fixture.given(opened(500), credited(1_000), reserved(LegSide.DEBIT, 1_000))
               .when(reserve(LegSide.DEBIT, 501))
               .expectException(InsufficientFundsException.class)
               .expectNoEvents();
    }

    @Test
    void refusesAPendingDebitBeyondTheOverdraftLimitOfAnEmptyAccount() {
        fixture.given(opened(0))
               .when(reserve(LegSide.DEBIT, 1))
               .expectException(InsufficientFundsException.class)
               .expectNoEvents();
    }

    @Test
    void reservingAPendingCreditNeedsNoFunds() {
        fixture.given(opened(0))
               .when(reserve(LegSide.CREDIT, 1_000_000))
               .expectEvents(new AccountHoldReservedEvent(ALICE, HOLD_2, LegSide.CREDIT, BOB, 1_000_000, EUR));
    }

    @Test
    void refusesAZeroReservation() {
        fixture.given(opened(0), credited(1_000))
               .when(reserve(LegSide.DEBIT, 0))
               .expectException(InvalidAmountException.class)
               .expectNoEvents();
    }

    @Test
    void refusesAReservationInAnotherCurrency() {
        fixture.given(opened(0), credited(1_000))
               .when(new ReserveHoldCommand(ALICE, HOLD_2, LegSide.DEBIT, BOB, 100, "USD"))
               .expectException(CurrencyMismatchException.class)
               .expectNoEvents();
    }

    // What a transfer's debit may use

    @Test
    void aDebitMayUseWhatPendingDebitsLeaveAvailable() {
        fixture.given(opened(0), credited(1_000), reserved(LegSide.DEBIT, 800))
               .when(debit(200, false))
               .expectEvents(new AccountDebitedEvent(ALICE, "t-2", BOB, 200, EUR));
    }

    @Test
    void refusesADebitOfFundsThatAHoldReserves() {
        fixture.given(opened(0), credited(1_000), reserved(LegSide.DEBIT, 800))
               .when(debit(201, false))
               .expectException(InsufficientFundsException.class)
               .expectNoEvents();
    }

    @Test
    void refusesADebitOfFundsThatAreOnlyPendingAsACredit() {
        fixture.given(opened(0), reserved(LegSide.CREDIT, 1_000))
               .when(debit(1, false))
               .expectException(InsufficientFundsException.class)
               .expectNoEvents();
    }

    @Test
    void aReleasedReservationMakesItsFundsAvailableAgain() {
        fixture.given(opened(0), credited(1_000), reserved(LegSide.DEBIT, 800), released(LegSide.DEBIT, 800))
               .when(debit(1_000, false))
               .expectEvents(new AccountDebitedEvent(ALICE, "t-2", BOB, 1_000, EUR));
    }

    @Test
    void theDebitThatSettlesAHoldIsNotCheckedAgainstTheOverdraftLimitAgain() {
        // The hold's own reservation still counts here, because the handler releases it in the same unit of work.
        fixture.given(opened(0), credited(1_000), reserved(LegSide.DEBIT, 1_000))
               .when(debit(1_000, true))
               .expectEvents(new AccountDebitedEvent(ALICE, "t-2", BOB, 1_000, EUR));
    }

    @Test
    void theSameDebitWithoutSettlingAHoldIsRefused() {
        fixture.given(opened(0), credited(1_000), reserved(LegSide.DEBIT, 1_000))
               .when(debit(1_000, false))
               .expectException(InsufficientFundsException.class)
               .expectNoEvents();
    }

    @Test
    void theDebitThatSettlesAHoldMustStillBePositive() {
        fixture.given(opened(0), credited(1_000), reserved(LegSide.DEBIT, 1_000))
               .when(debit(0, true))
               .expectException(InvalidAmountException.class)
               .expectNoEvents();
    }

    // Releasing

    @Test
    void releasingAPendingDebitRecordsIt() {
        fixture.given(opened(0), credited(1_000), reserved(LegSide.DEBIT, 700))
               .when(release(LegSide.DEBIT, 700))
               .expectEvents(new AccountHoldReleasedEvent(ALICE, HOLD_1, LegSide.DEBIT, 700, EUR));
    }

    @Test
    void releasingAPendingCreditRecordsIt() {
        fixture.given(opened(0), reserved(LegSide.CREDIT, 700))
               .when(release(LegSide.CREDIT, 700))
               .expectEvents(new AccountHoldReleasedEvent(ALICE, HOLD_1, LegSide.CREDIT, 700, EUR));
    }

    @Test
    void refusesToReleaseMoreThanIsPending() {
        fixture.given(opened(0), credited(1_000), reserved(LegSide.DEBIT, 700))
               .when(release(LegSide.DEBIT, 701))
               .expectException(IllegalStateException.class)
               .expectNoEvents();
    }

    @Test
    void refusesToReleaseOnTheSideThatHoldsNothing() {
        fixture.given(opened(0), credited(1_000), reserved(LegSide.DEBIT, 700))
               .when(release(LegSide.CREDIT, 700))
               .expectException(IllegalStateException.class)
               .expectNoEvents();
    }

    @Test
    void refusesToReleaseNothing() {
        fixture.given(opened(0), credited(1_000), reserved(LegSide.DEBIT, 700))
               .when(release(LegSide.DEBIT, 0))
               .expectException(IllegalStateException.class)
               .expectNoEvents();
    }

    @Test
    void refusesToReleaseInAnotherCurrency() {
        fixture.given(opened(0), credited(1_000), reserved(LegSide.DEBIT, 700))
               .when(new ReleaseHoldCommand(ALICE, HOLD_1, LegSide.DEBIT, 700, "USD"))
               .expectException(CurrencyMismatchException.class)
               .expectNoEvents();
    }

    // Frozen accounts

    @ParameterizedTest
    @MethodSource("newMovements")
    void refusesANewMovementOnAFrozenAccount(Object command) {
        Object[] given = {opened(0), credited(10_000), reserved(LegSide.DEBIT, 1_000), reserved(LegSide.CREDIT, 1_000),
                frozen()};
        fixture.given(given)
               .when(command)
               .expectException(AccountFrozenException.class)
               .expectNoEvents();
        Account account = Replay.aggregate(Account.class, given);
        assertThatExceptionOfType(LedgerException.class)
                .isThrownBy(() -> AccountLifecycleTest.handleDirectly(account, command))
                .extracting(LedgerException::code)
                .isEqualTo(LedgerErrorCode.ACCOUNT_FROZEN);
    }

    static Stream<Named<Object>> newMovements() {
        return Stream.of(
                Named.of("debit", debit(100, false)),
                Named.of("debit settling a hold", debit(100, true)),
                Named.of("credit", new CreditAccountCommand(ALICE, "t-2", BOB, 100, EUR, false)),
                Named.of("credit settling a hold", new CreditAccountCommand(ALICE, "t-2", BOB, 100, EUR, true)),
                Named.of("pending debit", reserve(LegSide.DEBIT, 100)),
                Named.of("pending credit", reserve(LegSide.CREDIT, 100)));
    }

    @Test
    void aFrozenAccountCanStillReleaseAPendingDebit() {
        fixture.given(opened(0), credited(1_000), reserved(LegSide.DEBIT, 700), frozen())
               .when(release(LegSide.DEBIT, 700))
               .expectEvents(new AccountHoldReleasedEvent(ALICE, HOLD_1, LegSide.DEBIT, 700, EUR));
    }

    @Test
    void aFrozenAccountCanStillReleaseAPendingCredit() {
        fixture.given(opened(0), reserved(LegSide.CREDIT, 700), frozen())
               .when(release(LegSide.CREDIT, 700))
               .expectEvents(new AccountHoldReleasedEvent(ALICE, HOLD_1, LegSide.CREDIT, 700, EUR));
    }

    @Test
    void anUnfrozenAccountTakesMovementsAgain() {
        fixture.given(opened(0), credited(1_000), frozen(), new AccountUnfrozenEvent(ALICE, "Cleared"))
               .when(debit(1_000, false))
               .expectEvents(new AccountDebitedEvent(ALICE, "t-2", BOB, 1_000, EUR));
    }

    private static AccountOpenedEvent opened(long overdraftLimitMinor) {
        return new AccountOpenedEvent(ALICE, EUR, "Alice", overdraftLimitMinor, false);
    }

    private static AccountFrozenEvent frozen() {
        return new AccountFrozenEvent(ALICE, "Suspected fraud");
    }

    private static AccountCreditedEvent credited(long amountMinor) {
        return new AccountCreditedEvent(ALICE, "t-1", BOB, amountMinor, EUR);
    }

    private static AccountHoldReservedEvent reserved(LegSide side, long amountMinor) {
        return new AccountHoldReservedEvent(ALICE, HOLD_1, side, BOB, amountMinor, EUR);
    }

    private static AccountHoldReleasedEvent released(LegSide side, long amountMinor) {
        return new AccountHoldReleasedEvent(ALICE, HOLD_1, side, amountMinor, EUR);
    }

    private static DebitAccountCommand debit(long amountMinor, boolean settlesHold) {
        return new DebitAccountCommand(ALICE, "t-2", BOB, amountMinor, EUR, settlesHold);
    }

    private static ReserveHoldCommand reserve(LegSide side, long amountMinor) {
        return new ReserveHoldCommand(ALICE, HOLD_2, side, BOB, amountMinor, EUR);
    }

    private static ReleaseHoldCommand release(LegSide side, long amountMinor) {
        return new ReleaseHoldCommand(ALICE, HOLD_1, side, amountMinor, EUR);
    }
}
