package io.ledger.command.account;

import io.ledger.command.CommandSide;
import io.ledger.core.CommandOutcome;
import io.ledger.core.account.AccountStateReceipt;
import io.ledger.core.account.AccountStatus;
import io.ledger.core.account.ChangeOverdraftLimitCommand;
import io.ledger.core.account.CloseAccountCommand;
import io.ledger.core.account.FreezeAccountCommand;
import io.ledger.core.account.OpenAccountCommand;
import io.ledger.core.account.UnfreezeAccountCommand;
import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;
import io.ledger.core.transfer.TransferFundsCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Account lifecycle commands through the real command bus and event store. */
class AccountCommandHandlerTest {

    private static final String EUR = "EUR";
    private static final String SETTLEMENT = "settlement.eur";
    private static final String ALICE = "alice";

    private CommandSide ledger;

    @BeforeEach
    void setUp() {
        ledger = new CommandSide();
        ledger.send(new OpenAccountCommand(SETTLEMENT, EUR, "Settlement", 0, true));
        ledger.send(new OpenAccountCommand(ALICE, EUR, "Alice", 0, false));
    }

    @AfterEach
    void tearDown() {
        ledger.close();
    }

    @Test
    void freezingAnswersWithTheAccountsNewState() {
        CommandOutcome<AccountStateReceipt> outcome = ledger.send(new FreezeAccountCommand(ALICE, "Review"));

        assertThat(outcome.repeated()).isFalse();
        assertThat(outcome.result()).isEqualTo(new AccountStateReceipt(ALICE, EUR, AccountStatus.FROZEN, 0, false));
    }

    @Test
    void freezingAgainIsAnsweredAsARepeatAndWritesNothing() {
        ledger.send(new FreezeAccountCommand(ALICE, "Review"));
        long before = ledger.eventCount();

        CommandOutcome<AccountStateReceipt> outcome = ledger.send(new FreezeAccountCommand(ALICE, "Review again"));

        assertThat(outcome.repeated()).isTrue();
        assertThat(outcome.result().status()).isEqualTo(AccountStatus.FROZEN);
        assertThat(ledger.eventCount()).isEqualTo(before);
    }

    @Test
    void unfreezingAnswersWithAnActiveAccount() {
        ledger.send(new FreezeAccountCommand(ALICE, "Review"));

        CommandOutcome<AccountStateReceipt> outcome = ledger.send(new UnfreezeAccountCommand(ALICE, "Cleared"));

        assertThat(outcome.repeated()).isFalse();
        assertThat(outcome.result().status()).isEqualTo(AccountStatus.ACTIVE);
    }

    @Test
    void changingTheLimitAnswersWithTheNewLimit() {
        CommandOutcome<AccountStateReceipt> outcome =
                ledger.send(new ChangeOverdraftLimitCommand(ALICE, "50.00", false, "Credit review"));

        assertThat(outcome.repeated()).isFalse();
        assertThat(outcome.result().overdraftLimitMinor()).isEqualTo(5_000L);
    }

    @Test
    void aRaisedLimitLetsTheAccountGoNegativeUpToItAndNoFurther() {
        ledger.send(new ChangeOverdraftLimitCommand(ALICE, "50.00", false, "Credit review"));

        CommandOutcome<?> upToTheLimit = ledger.send(new TransferFundsCommand("t-1", ALICE, SETTLEMENT, 5_000, EUR,
                Map.of()));

        assertThat(upToTheLimit.repeated()).isFalse();
        assertRefused(() -> ledger.send(new TransferFundsCommand("t-2", ALICE, SETTLEMENT, 1, EUR, Map.of())),
                LedgerErrorCode.INSUFFICIENT_FUNDS);
    }

    @Test
    void closingAnEmptyAccountAnswersWithAClosedAccount() {
        CommandOutcome<AccountStateReceipt> outcome = ledger.send(new CloseAccountCommand(ALICE, "Customer left"));

        assertThat(outcome.result().status()).isEqualTo(AccountStatus.CLOSED);
    }

    @Test
    void closingAnAccountWithMoneyOnItIsRefusedAndWritesNothing() {
        ledger.send(new TransferFundsCommand("t-1", SETTLEMENT, ALICE, 1, EUR, Map.of()));
        long before = ledger.eventCount();

        assertRefused(() -> ledger.send(new CloseAccountCommand(ALICE, "Customer left")),
                LedgerErrorCode.ACCOUNT_NOT_EMPTY);
        assertThat(ledger.eventCount()).isEqualTo(before);
    }

    @Test
    void aClosedAccountTakesNoTransfer() {
        ledger.send(new CloseAccountCommand(ALICE, "Customer left"));

        assertRefused(() -> ledger.send(new TransferFundsCommand("t-1", SETTLEMENT, ALICE, 1, EUR, Map.of())),
                LedgerErrorCode.ACCOUNT_CLOSED);
    }

    @Test
    void aLifecycleCommandForAnUnknownAccountIsRefused() {
        assertRefused(() -> ledger.send(new FreezeAccountCommand("nobody", "Review")),
                LedgerErrorCode.ACCOUNT_NOT_FOUND);
    }

    @Test
    void aLifecycleCommandWithAnInvalidAccountIdIsRefused() {
        assertRefused(() -> ledger.send(new FreezeAccountCommand("no body", "Review")), LedgerErrorCode.INVALID_ID);
    }

    @Test
    void aRefusedReasonWritesNothing() {
        long before = ledger.eventCount();

        assertRefused(() -> ledger.send(new FreezeAccountCommand(ALICE, " ")), LedgerErrorCode.INVALID_REASON);
        assertThat(ledger.eventCount()).isEqualTo(before);
    }

    private static void assertRefused(Runnable command, LedgerErrorCode expected) {
        assertThatExceptionOfType(LedgerException.class)
                .isThrownBy(command::run)
                .extracting(LedgerException::code)
                .isEqualTo(expected);
    }
}
