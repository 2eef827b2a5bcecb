package io.ledger.command.account;

import io.ledger.core.account.AccountCreditedEvent;
import io.ledger.core.account.AccountDebitedEvent;
import io.ledger.core.account.AccountOpenedEvent;
import io.ledger.core.account.OpenAccountCommand;
import io.ledger.core.error.BalanceOverflowException;
import io.ledger.core.error.CurrencyMismatchException;
import io.ledger.core.error.InsufficientFundsException;
import io.ledger.core.error.InvalidAmountException;
import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;
import io.ledger.core.error.UnsupportedCurrencyException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AccountTest {

    private static final String ALICE = "alice";
    private static final String BOB = "bob";
    private static final String EUR = "EUR";
    private static final String TRANSFER_1 = "t-1";
    private static final String TRANSFER_2 = "t-2";

    private FixtureConfiguration<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    // Opening

    @Test
    void openingAnAccountRecordsItsCurrencyNameAndOverdraftRule() {
        fixture.givenNoPriorActivity()
               .when(new OpenAccountCommand(ALICE, EUR, "Alice", 10_000, false))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new AccountOpenedEvent(ALICE, EUR, "Alice", 10_000, false))
               .expectState(account -> assertThat(account.receipt().accountId()).isEqualTo(ALICE));
    }

    @Test
    void openingASystemAccountWithAnUnlimitedOverdraftIsAllowed() {
        fixture.givenNoPriorActivity()
               .when(new OpenAccountCommand("settlement.eur", EUR, "Settlement", 0, true))
               .expectEvents(new AccountOpenedEvent("settlement.eur", EUR, "Settlement", 0, true));
    }

    @Test
    void openingReceiptRepeatsTheOpenedContent() {
        fixture.givenNoPriorActivity()
               .when(new OpenAccountCommand(ALICE, EUR, "Alice", 500, false))
               .expectState(account -> {
                   var receipt = account.receipt();
                   assertThat(receipt.currency()).isEqualTo(EUR);
                   assertThat(receipt.name()).isEqualTo("Alice");
                   assertThat(receipt.overdraftLimitMinor()).isEqualTo(500L);
                   assertThat(receipt.unlimitedOverdraft()).isFalse();
                   assertThat(receipt.openedAt()).isNotNull();
               });
    }

    @Test
    void refusesToOpenAnAccountWithAnInvalidId() {
        assertRefusedWithCode(new OpenAccountCommand("a b", EUR, "Alice", 0, false), LedgerErrorCode.INVALID_ID);
    }

    @Test
    void refusesToOpenAnAccountWithAMissingId() {
        assertRefusedWithCode(new OpenAccountCommand(null, EUR, "Alice", 0, false), LedgerErrorCode.INVALID_ID);
    }

    @Test
    void refusesToOpenAnAccountInAnUnsupportedCurrency() {
        fixture.givenNoPriorActivity()
               .when(new OpenAccountCommand(ALICE, "XAU", "Alice", 0, false))
               .expectException(UnsupportedCurrencyException.class)
               .expectNoEvents();
    }

    @Test
    void refusesToOpenAnAccountWithABlankName() {
        assertRefusedWithCode(new OpenAccountCommand(ALICE, EUR, "   ", 0, false), LedgerErrorCode.INVALID_NAME);
    }

    @Test
    void refusesToOpenAnAccountWithAnEmptyName() {
        assertRefusedWithCode(new OpenAccountCommand(ALICE, EUR, "", 0, false), LedgerErrorCode.INVALID_NAME);
    }

    @Test
    void refusesToOpenAnAccountWithoutAName() {
        assertRefusedWithCode(new OpenAccountCommand(ALICE, EUR, null, 0, false), LedgerErrorCode.INVALID_NAME);
    }

    @Test
    void acceptsANameOfTheMaximumLength() {
        String longest = "n".repeat(Account.MAX_NAME_LENGTH);

        fixture.givenNoPriorActivity()
               .when(new OpenAccountCommand(ALICE, EUR, longest, 0, false))
               .expectEvents(new AccountOpenedEvent(ALICE, EUR, longest, 0, false));
    }

    @Test
    void refusesToOpenAnAccountWithANameOneCharacterTooLong() {
        assertRefusedWithCode(new OpenAccountCommand(ALICE, EUR, "n".repeat(Account.MAX_NAME_LENGTH + 1), 0, false),
                LedgerErrorCode.INVALID_NAME);
    }

    @Test
    void refusesToOpenAnAccountWithAControlCharacterInItsName() {
        assertRefusedWithCode(new OpenAccountCommand(ALICE, EUR, "Alice\u0000", 0, false), LedgerErrorCode.INVALID_NAME);
        assertRefusedWithCode(new OpenAccountCommand(ALICE, EUR, "Al\nice", 0, false), LedgerErrorCode.INVALID_NAME);
    }

    @Test
    void refusesToOpenAnAccountWithANegativeOverdraftLimit() {
        assertRefusedWithCode(new OpenAccountCommand(ALICE, EUR, "Alice", -1, false),
                LedgerErrorCode.INVALID_OVERDRAFT_LIMIT);
    }

    @Test
    void refusesToOpenAnAccountWithAnUnlimitedOverdraftAndALimitTogether() {
        assertRefusedWithCode(new OpenAccountCommand(ALICE, EUR, "Alice", 100, true),
                LedgerErrorCode.INVALID_OVERDRAFT_LIMIT);
    }

    // Debits

    @Test
    void debitsAnAmountWithinTheBalance() {
        fixture.given(opened(0), credited(1_000))
               .when(debit(400))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new AccountDebitedEvent(ALICE, TRANSFER_2, BOB, 400, EUR));
    }

    @Test
    void debitsTheWholeBalanceOfAnAccountWithoutOverdraft() {
        fixture.given(opened(0), credited(1_000))
               .when(debit(1_000))
               .expectEvents(new AccountDebitedEvent(ALICE, TRANSFER_2, BOB, 1_000, EUR));
    }

    @Test
    void debitsDownToExactlyTheNegativeOverdraftLimit() {
        fixture.given(opened(500), credited(1_000))
               .when(debit(1_500))
               .expectEvents(new AccountDebitedEvent(ALICE, TRANSFER_2, BOB, 1_500, EUR));
    }

    @Test
    void refusesADebitOneMinorUnitBeyondTheOverdraftLimit() {
        fixture.given(opened(500), credited(1_000))
               .when(debit(1_501))
               .expectException(InsufficientFundsException.class)
               .expectNoEvents();
    }

    @Test
    void refusesAnyDebitFromAnEmptyAccountWithoutOverdraft() {
        fixture.given(opened(0))
               .when(debit(1))
               .expectException(InsufficientFundsException.class)
               .expectNoEvents();
    }

    @Test
    void countsEarlierDebitsAgainstTheOverdraftLimit() {
        fixture.given(opened(500), credited(1_000), debited(1_000))
               .when(debit(501))
               .expectException(InsufficientFundsException.class)
               .expectNoEvents();
    }

    @Test
    void letsAnAccountWithAnUnlimitedOverdraftGoNegative() {
        fixture.given(openedUnlimited())
               .when(debit(1_000_000_000_00L))
               .expectEvents(new AccountDebitedEvent(ALICE, TRANSFER_2, BOB, 1_000_000_000_00L, EUR));
    }

    @Test
    void letsAnUnlimitedAccountReachTheSmallestRepresentableBalance() {
        fixture.given(openedUnlimited(), debited(Long.MAX_VALUE))
               .when(debit(1))
               .expectEvents(new AccountDebitedEvent(ALICE, TRANSFER_2, BOB, 1, EUR));
    }

    @Test
    void refusesADebitThatWouldTakeAnUnlimitedAccountBelowTheSmallestRepresentableBalance() {
        fixture.given(openedUnlimited(), debited(Long.MAX_VALUE))
               .when(debit(2))
               .expectException(BalanceOverflowException.class)
               .expectNoEvents();
    }

    @Test
    void refusesADebitInAnotherCurrency() {
        fixture.given(opened(0), credited(1_000))
               .when(new DebitAccountCommand(ALICE, TRANSFER_2, BOB, 100, "USD", false))
               .expectException(CurrencyMismatchException.class)
               .expectNoEvents();
    }

    @Test
    void refusesAZeroDebit() {
        fixture.given(opened(0), credited(1_000))
               .when(debit(0))
               .expectException(InvalidAmountException.class)
               .expectNoEvents();
    }

    @Test
    void refusesANegativeDebit() {
        fixture.given(opened(0), credited(1_000))
               .when(debit(-100))
               .expectException(InvalidAmountException.class)
               .expectNoEvents();
    }

    // Credits

    @Test
    void creditsAPositiveAmount() {
        fixture.given(opened(0))
               .when(credit(250))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new AccountCreditedEvent(ALICE, TRANSFER_2, BOB, 250, EUR));
    }

    @Test
    void creditsUpToTheLargestRepresentableBalance() {
        fixture.given(opened(0), credited(1))
               .when(credit(Long.MAX_VALUE - 1))
               .expectEvents(new AccountCreditedEvent(ALICE, TRANSFER_2, BOB, Long.MAX_VALUE - 1, EUR));
    }

    @Test
    void refusesACreditThatWouldOverflowThePositiveBalance() {
        fixture.given(opened(0), credited(1))
               .when(credit(Long.MAX_VALUE))
               .expectException(BalanceOverflowException.class)
               .expectNoEvents();
    }

    @Test
    void refusesACreditInAnotherCurrency() {
        fixture.given(opened(0))
               .when(new CreditAccountCommand(ALICE, TRANSFER_2, BOB, 100, "USD", false))
               .expectException(CurrencyMismatchException.class)
               .expectNoEvents();
    }

    @Test
    void refusesAZeroCredit() {
        fixture.given(opened(0))
               .when(credit(0))
               .expectException(InvalidAmountException.class)
               .expectNoEvents();
    }

    @Test
    void refusesANegativeCredit() {
        fixture.given(opened(0))
               .when(credit(-1))
               .expectException(InvalidAmountException.class)
               .expectNoEvents();
    }

    private void assertRefusedWithCode(OpenAccountCommand command, LedgerErrorCode expected) {
        fixture = new AggregateTestFixture<>(Account.class);
        fixture.givenNoPriorActivity()
               .when(command)
               .expectException(LedgerException.class)
               .expectNoEvents();
        // The fixture cannot hand out the exception it caught, so the code is checked on a direct construction;
        // validation runs before apply(), which is why no aggregate lifecycle is needed for a refusal.
        assertThatExceptionOfType(LedgerException.class)
                .isThrownBy(() -> new Account(command))
                .extracting(LedgerException::code)
                .isEqualTo(expected);
    }

    private static AccountOpenedEvent opened(long overdraftLimitMinor) {
        return new AccountOpenedEvent(ALICE, EUR, "Alice", overdraftLimitMinor, false);
    }

    private static AccountOpenedEvent openedUnlimited() {
        return new AccountOpenedEvent(ALICE, EUR, "Settlement", 0, true);
    }

    private static AccountCreditedEvent credited(long amountMinor) {
        return new AccountCreditedEvent(ALICE, TRANSFER_1, BOB, amountMinor, EUR);
    }

    private static AccountDebitedEvent debited(long amountMinor) {
        return new AccountDebitedEvent(ALICE, TRANSFER_1, BOB, amountMinor, EUR);
    }

    private static DebitAccountCommand debit(long amountMinor) {
        return new DebitAccountCommand(ALICE, TRANSFER_2, BOB, amountMinor, EUR, false);
    }

    private static CreditAccountCommand credit(long amountMinor) {
        return new CreditAccountCommand(ALICE, TRANSFER_2, BOB, amountMinor, EUR, false);
    }
}
