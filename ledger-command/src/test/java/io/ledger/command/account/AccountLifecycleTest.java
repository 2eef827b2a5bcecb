package io.ledger.command.account;

import io.ledger.command.Replay;
import io.ledger.core.account.AccountClosedEvent;
import io.ledger.core.account.AccountCreditedEvent;
import io.ledger.core.account.AccountDebitedEvent;
import io.ledger.core.account.AccountFrozenEvent;
import io.ledger.core.account.AccountHoldReservedEvent;
import io.ledger.core.account.AccountOpenedEvent;
import io.ledger.core.account.AccountOverdraftLimitChangedEvent;
import io.ledger.core.account.AccountStatus;
import io.ledger.core.account.AccountUnfrozenEvent;
import io.ledger.core.account.ChangeOverdraftLimitCommand;
import io.ledger.core.account.CloseAccountCommand;
import io.ledger.core.account.FreezeAccountCommand;
import io.ledger.core.account.LegSide;
import io.ledger.core.account.UnfreezeAccountCommand;
import io.ledger.core.error.AccountClosedException;
import io.ledger.core.error.InsufficientFundsException;
import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Freezing, unfreezing, closing and changing the overdraft rule of one account. */
class AccountLifecycleTest {

    private static final String ALICE = "alice";
    private static final String BOB = "bob";
    private static final String EUR = "EUR";
    private static final String REASON = "Suspected card fraud, ticket 4711";

    private FixtureConfiguration<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    // Freezing and unfreezing

    @Test
    void freezingAnActiveAccountRecordsTheReason() {
        fixture.given(opened(0))
               .when(new FreezeAccountCommand(ALICE, REASON))
               .expectEvents(new AccountFrozenEvent(ALICE, REASON))
               .expectResultMessagePayload(true)
               .expectState(account -> assertThat(account.state().status()).isEqualTo(AccountStatus.FROZEN));
    }

    @Test
    void freezingAFrozenAccountAgainWritesNothing() {
        fixture.given(opened(0), frozen())
               .when(new FreezeAccountCommand(ALICE, "Another reason"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents()
               .expectResultMessagePayload(false);
    }

    @Test
    void unfreezingAFrozenAccountRecordsTheReason() {
        fixture.given(opened(0), frozen())
               .when(new UnfreezeAccountCommand(ALICE, "Cleared by compliance"))
               .expectEvents(new AccountUnfrozenEvent(ALICE, "Cleared by compliance"))
               .expectResultMessagePayload(true)
               .expectState(account -> assertThat(account.state().status()).isEqualTo(AccountStatus.ACTIVE));
    }

    @Test
    void unfreezingAnActiveAccountWritesNothing() {
        fixture.given(opened(0))
               .when(new UnfreezeAccountCommand(ALICE, REASON))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents()
               .expectResultMessagePayload(false);
    }

    @Test
    void unfreezingAnAccountFrozenAndUnfrozenBeforeWritesNothing() {
        fixture.given(opened(0), frozen(), new AccountUnfrozenEvent(ALICE, "Cleared"))
               .when(new UnfreezeAccountCommand(ALICE, REASON))
               .expectNoEvents()
               .expectResultMessagePayload(false);
    }

    // Closing

    @Test
    void closingAnEmptyAccountRecordsTheReason() {
        fixture.given(opened(0))
               .when(new CloseAccountCommand(ALICE, "Customer left"))
               .expectEvents(new AccountClosedEvent(ALICE, "Customer left"))
               .expectResultMessagePayload(true)
               .expectState(account -> assertThat(account.state().status()).isEqualTo(AccountStatus.CLOSED));
    }

    @Test
    void closingAnAccountWhoseMovementsNetToZeroIsAllowed() {
        fixture.given(opened(0), credited(1_000), debited(1_000))
               .when(new CloseAccountCommand(ALICE, "Customer left"))
               .expectEvents(new AccountClosedEvent(ALICE, "Customer left"));
    }

    @Test
    void closingAClosedAccountAgainWritesNothing() {
        fixture.given(opened(0), closed())
               .when(new CloseAccountCommand(ALICE, "Again"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents()
               .expectResultMessagePayload(false);
    }

    @Test
    void refusesToCloseAnAccountWithAPositivePostedBalance() {
        assertRefusedWithCode(List.of(opened(0), credited(1)), new CloseAccountCommand(ALICE, REASON),
                LedgerErrorCode.ACCOUNT_NOT_EMPTY);
    }

    @Test
    void refusesToCloseAnAccountWithANegativePostedBalance() {
        assertRefusedWithCode(List.of(opened(500), debited(1)), new CloseAccountCommand(ALICE, REASON),
                LedgerErrorCode.ACCOUNT_NOT_EMPTY);
    }

    @Test
    void refusesToCloseAnAccountWithPendingDebits() {
        // Posted is zero: the credit and the debit cancel out, but a hold still reserves part of the credit.
        assertRefusedWithCode(List.of(opened(0), credited(500), debited(500), reserved(LegSide.DEBIT, 1)),
                new CloseAccountCommand(ALICE, REASON), LedgerErrorCode.ACCOUNT_NOT_EMPTY);
    }

    @Test
    void refusesToCloseAnAccountWithPendingDebitsAlone() {
        assertRefusedWithCode(List.of(opened(100), reserved(LegSide.DEBIT, 100)),
                new CloseAccountCommand(ALICE, REASON), LedgerErrorCode.ACCOUNT_NOT_EMPTY);
    }

    @Test
    void refusesToCloseAnAccountWithPendingCredits() {
        assertRefusedWithCode(List.of(opened(0), reserved(LegSide.CREDIT, 1)),
                new CloseAccountCommand(ALICE, REASON), LedgerErrorCode.ACCOUNT_NOT_EMPTY);
    }

    // Changing the overdraft rule

    @Test
    void changingTheOverdraftLimitRecordsTheNewLimitAndTheReason() {
        fixture.given(opened(0))
               .when(new ChangeOverdraftLimitCommand(ALICE, "25.00", false, "Credit review"))
               .expectEvents(new AccountOverdraftLimitChangedEvent(ALICE, 2_500, false, "Credit review"))
               .expectResultMessagePayload(true)
               .expectState(account -> assertThat(account.state().overdraftLimitMinor()).isEqualTo(2_500L));
    }

    @Test
    void changingToAnUnlimitedOverdraftRecordsIt() {
        fixture.given(opened(2_500))
               .when(new ChangeOverdraftLimitCommand(ALICE, null, true, "Became a settlement account"))
               .expectEvents(new AccountOverdraftLimitChangedEvent(ALICE, 0, true, "Became a settlement account"));
    }

    @Test
    void aChangedLimitGovernsTheNextDebit() {
        fixture.given(opened(0), new AccountOverdraftLimitChangedEvent(ALICE, 2_500, false, "Credit review"))
               .when(new DebitAccountCommand(ALICE, "t-1", BOB, 2_500, EUR, false))
               .expectEvents(new AccountDebitedEvent(ALICE, "t-1", BOB, 2_500, EUR));
    }

    @Test
    void aLoweredLimitRefusesTheNextDebitBeyondIt() {
        fixture.given(opened(2_500), new AccountOverdraftLimitChangedEvent(ALICE, 1_000, false, "Credit review"))
               .when(new DebitAccountCommand(ALICE, "t-1", BOB, 1_001, EUR, false))
               .expectException(InsufficientFundsException.class)
               .expectNoEvents();
    }

    @Test
    void changingTheLimitToTheCurrentRuleWritesNothing() {
        fixture.given(opened(2_500))
               .when(new ChangeOverdraftLimitCommand(ALICE, "25.00", false, "Credit review"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents()
               .expectResultMessagePayload(false);
    }

    @Test
    void changingTheLimitWithoutAnAmountSetsItToZero() {
        fixture.given(opened(2_500))
               .when(new ChangeOverdraftLimitCommand(ALICE, null, false, "Credit review"))
               .expectEvents(new AccountOverdraftLimitChangedEvent(ALICE, 0, false, "Credit review"));
    }

    @Test
    void refusesALimitWithMoreFractionDigitsThanTheAccountsCurrency() {
        assertRefusedWithCode(List.of(opened(0)), new ChangeOverdraftLimitCommand(ALICE, "10.001", false, REASON),
                LedgerErrorCode.INVALID_AMOUNT);
    }

    @Test
    void refusesAMalformedLimit() {
        assertRefusedWithCode(List.of(opened(0)), new ChangeOverdraftLimitCommand(ALICE, "1e3", false, REASON),
                LedgerErrorCode.MALFORMED_AMOUNT);
    }

    @Test
    void refusesANegativeOverdraftLimit() {
        assertRefusedWithCode(List.of(opened(0)), new ChangeOverdraftLimitCommand(ALICE, "-1.00", false, REASON),
                LedgerErrorCode.INVALID_OVERDRAFT_LIMIT);
    }

    @Test
    void refusesAnUnlimitedOverdraftTogetherWithALimit() {
        assertRefusedWithCode(List.of(opened(0)), new ChangeOverdraftLimitCommand(ALICE, "1.00", true, REASON),
                LedgerErrorCode.INVALID_OVERDRAFT_LIMIT);
    }

    // Reasons: every lifecycle change says why, in bounded plain text

    @ParameterizedTest
    @MethodSource("changes")
    void acceptsAReasonOfTheMaximumLength(LifecycleChange change) {
        String longest = "r".repeat(Account.MAX_REASON_LENGTH);

        fixture.given(change.given())
               .when(change.command().apply(longest))
               .expectSuccessfulHandlerExecution()
               .expectResultMessagePayload(true);
    }

    @ParameterizedTest
    @MethodSource("changes")
    void refusesAMissingReason(LifecycleChange change) {
        assertRefusedWithCode(change.given(), change.command().apply(null), LedgerErrorCode.INVALID_REASON);
    }

    @ParameterizedTest
    @MethodSource("changes")
    void refusesAnEmptyReason(LifecycleChange change) {
        assertRefusedWithCode(change.given(), change.command().apply(""), LedgerErrorCode.INVALID_REASON);
    }

    @ParameterizedTest
    @MethodSource("changes")
    void refusesABlankReason(LifecycleChange change) {
        assertRefusedWithCode(change.given(), change.command().apply("  \t "), LedgerErrorCode.INVALID_REASON);
    }

    @ParameterizedTest
    @MethodSource("changes")
    void refusesAReasonOneCharacterTooLong(LifecycleChange change) {
        assertRefusedWithCode(change.given(), change.command().apply("r".repeat(Account.MAX_REASON_LENGTH + 1)),
                LedgerErrorCode.INVALID_REASON);
    }

    @ParameterizedTest
    @MethodSource("changes")
    void refusesAReasonWithAControlCharacter(LifecycleChange change) {
        assertRefusedWithCode(change.given(), change.command().apply("Fraud\nsuspected"),
                LedgerErrorCode.INVALID_REASON);
        assertRefusedWithCode(change.given(), change.command().apply("Fraud\u0000"), LedgerErrorCode.INVALID_REASON);
    }

    // A closed account is final

    @ParameterizedTest
    @MethodSource("everythingButClosing")
    void refusesEverythingButAnotherCloseOnAClosedAccount(Object command) {
        fixture.given(opened(0), closed())
               .when(command)
               .expectException(AccountClosedException.class)
               .expectNoEvents();
        Account account = Replay.aggregate(Account.class, opened(0), closed());
        assertThatExceptionOfType(LedgerException.class)
                .isThrownBy(() -> handleDirectly(account, command))
                .extracting(LedgerException::code)
                .isEqualTo(LedgerErrorCode.ACCOUNT_CLOSED);
    }

    static Stream<Named<Object>> everythingButClosing() {
        return Stream.of(
                Named.of("freeze", new FreezeAccountCommand(ALICE, REASON)),
                Named.of("unfreeze", new UnfreezeAccountCommand(ALICE, REASON)),
                Named.of("change of limit", new ChangeOverdraftLimitCommand(ALICE, "10.00", false, REASON)),
                Named.of("debit", new DebitAccountCommand(ALICE, "t-1", BOB, 100, EUR, false)),
                Named.of("debit settling a hold", new DebitAccountCommand(ALICE, "t-1", BOB, 100, EUR, true)),
                Named.of("credit", new CreditAccountCommand(ALICE, "t-1", BOB, 100, EUR, false)),
                Named.of("pending debit", new ReserveHoldCommand(ALICE, "h-1", LegSide.DEBIT, BOB, 100, EUR)),
                Named.of("pending credit", new ReserveHoldCommand(ALICE, "h-1", LegSide.CREDIT, BOB, 100, EUR)));
    }

    /** One lifecycle change from a state in which it would change something, as a function of its reason. */
    record LifecycleChange(List<Object> given, Function<String, Object> command) {
    }

    static Stream<Named<LifecycleChange>> changes() {
        return Stream.of(
                Named.of("freeze", new LifecycleChange(List.of(opened(0)),
                        reason -> new FreezeAccountCommand(ALICE, reason))),
                Named.of("unfreeze", new LifecycleChange(List.of(opened(0), frozen()),
                        reason -> new UnfreezeAccountCommand(ALICE, reason))),
                Named.of("close", new LifecycleChange(List.of(opened(0)),
                        reason -> new CloseAccountCommand(ALICE, reason))),
                Named.of("change of limit", new LifecycleChange(List.of(opened(0)),
                        reason -> new ChangeOverdraftLimitCommand(ALICE, "10.00", false, reason))));
    }

    private void assertRefusedWithCode(List<Object> given, Object command, LedgerErrorCode expected) {
        fixture = new AggregateTestFixture<>(Account.class);
        fixture.given(given)
               .when(command)
               .expectException(LedgerException.class)
               .expectNoEvents();
        Account account = Replay.aggregate(Account.class, given.toArray());
        assertThatExceptionOfType(LedgerException.class)
                .isThrownBy(() -> handleDirectly(account, command))
                .extracting(LedgerException::code)
                .isEqualTo(expected);
    }

    static void handleDirectly(Account account, Object command) {
        if (command instanceof FreezeAccountCommand freeze) {
            account.handle(freeze);
        } else if (command instanceof UnfreezeAccountCommand unfreeze) {
            account.handle(unfreeze);
        } else if (command instanceof CloseAccountCommand close) {
            account.handle(close);
        } else if (command instanceof ChangeOverdraftLimitCommand change) {
            account.handle(change);
        } else if (command instanceof DebitAccountCommand debit) {
            account.handle(debit);
        } else if (command instanceof CreditAccountCommand credit) {
            account.handle(credit);
        } else if (command instanceof ReserveHoldCommand reserve) {
            account.handle(reserve);
        } else if (command instanceof ReleaseHoldCommand release) {
            account.handle(release);
        } else {
            throw new IllegalArgumentException("Not an account command: " + command);
        }
    }

    private static AccountOpenedEvent opened(long overdraftLimitMinor) {
        return new AccountOpenedEvent(ALICE, EUR, "Alice", overdraftLimitMinor, false);
    }

    private static AccountFrozenEvent frozen() {
        return new AccountFrozenEvent(ALICE, "Frozen before");
    }

    private static AccountClosedEvent closed() {
        return new AccountClosedEvent(ALICE, "Closed before");
    }

    private static AccountCreditedEvent credited(long amountMinor) {
        return new AccountCreditedEvent(ALICE, "t-0", BOB, amountMinor, EUR);
    }

    private static AccountDebitedEvent debited(long amountMinor) {
        return new AccountDebitedEvent(ALICE, "t-0", BOB, amountMinor, EUR);
    }

    private static AccountHoldReservedEvent reserved(LegSide side, long amountMinor) {
        return new AccountHoldReservedEvent(ALICE, "h-0", side, BOB, amountMinor, EUR);
    }
}
