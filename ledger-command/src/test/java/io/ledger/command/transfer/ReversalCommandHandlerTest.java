package io.ledger.command.transfer;

import io.ledger.command.CommandSide;
import io.ledger.command.CommandSide.Balance;
import io.ledger.core.CommandOutcome;
import io.ledger.core.account.AccountCreditedEvent;
import io.ledger.core.account.AccountDebitedEvent;
import io.ledger.core.account.FreezeAccountCommand;
import io.ledger.core.account.OpenAccountCommand;
import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;
import io.ledger.core.transfer.PlaceHoldCommand;
import io.ledger.core.transfer.PostHoldCommand;
import io.ledger.core.transfer.ReversalPostedEvent;
import io.ledger.core.transfer.ReverseTransferCommand;
import io.ledger.core.transfer.TransferFundsCommand;
import io.ledger.core.transfer.TransferKind;
import io.ledger.core.transfer.TransferPostedEvent;
import io.ledger.core.transfer.TransferReceipt;
import io.ledger.core.transfer.TransferReversedEvent;
import io.ledger.core.transfer.TransferStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Reversals through the real command bus and event store. */
class ReversalCommandHandlerTest {

    private static final String EUR = "EUR";
    private static final String SETTLEMENT = "settlement.eur";
    private static final String ALICE = "alice";
    private static final String BOB = "bob";
    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    private CommandSide ledger;

    @BeforeEach
    void setUp() {
        ledger = new CommandSide();
        ledger.send(new OpenAccountCommand(SETTLEMENT, EUR, "Settlement", 0, true));
        ledger.send(new OpenAccountCommand(ALICE, EUR, "Alice", 0, false));
        ledger.send(new OpenAccountCommand(BOB, EUR, "Bob", 0, false));
        ledger.send(new TransferFundsCommand("funding-alice", SETTLEMENT, ALICE, 10_000, EUR, Map.of()));
        ledger.send(new TransferFundsCommand("t-1", ALICE, BOB, 4_000, EUR, Map.of()));
    }

    @AfterEach
    void tearDown() {
        ledger.close();
    }

    @Test
    void aFullReversalMovesTheMoneyBack() {
        reverse("r-1", "t-1", null);

        assertThat(ledger.balanceOf(ALICE)).isEqualTo(new Balance(10_000, 0, 0));
        assertThat(ledger.balanceOf(BOB)).isEqualTo(new Balance(0, 0, 0));
    }

    @Test
    void aReversalWritesItsOwnTransferTheRecordOnTheOriginalAndBothLegs() {
        long before = ledger.eventCount();

        reverse("r-1", "t-1", "15.00");

        assertThat(ledger.eventCount() - before).isEqualTo(4);
        assertThat(ledger.transferEvents("r-1"))
                .containsExactly(new ReversalPostedEvent("r-1", "t-1", BOB, ALICE, 1_500, EUR, Map.of()));
        assertThat(ledger.transferEvents("t-1")).containsExactly(
                new TransferPostedEvent("t-1", ALICE, BOB, 4_000, EUR, Map.of()),
                new TransferReversedEvent("t-1", "r-1", 1_500, 1_500));
        assertThat(ledger.accountEvents(BOB)).last()
                .isEqualTo(new AccountDebitedEvent(BOB, "r-1", ALICE, 1_500, EUR));
        assertThat(ledger.accountEvents(ALICE)).last()
                .isEqualTo(new AccountCreditedEvent(ALICE, "r-1", BOB, 1_500, EUR));
    }

    @Test
    void aReversalAnswersWithAReceiptInTheOppositeDirection() {
        CommandOutcome<TransferReceipt> outcome = reverse("r-1", "t-1", "15.00");

        assertThat(outcome.repeated()).isFalse();
        assertThat(outcome.result().kind()).isEqualTo(TransferKind.REVERSAL);
        assertThat(outcome.result().reversalOf()).isEqualTo("t-1");
        assertThat(outcome.result().debitAccountId()).isEqualTo(BOB);
        assertThat(outcome.result().creditAccountId()).isEqualTo(ALICE);
        assertThat(outcome.result().amountMinor()).isEqualTo(1_500L);
        assertThat(outcome.result().status()).isEqualTo(TransferStatus.POSTED);
    }

    @Test
    void partialReversalsAddUpToTheOriginalAmount() {
        reverse("r-1", "t-1", "10.00");
        reverse("r-2", "t-1", "30.00");

        assertThat(ledger.transferEvents("t-1")).last()
                .isEqualTo(new TransferReversedEvent("t-1", "r-2", 3_000, 4_000));
        assertThat(ledger.balanceOf(ALICE)).isEqualTo(new Balance(10_000, 0, 0));
        assertThat(ledger.balanceOf(BOB)).isEqualTo(new Balance(0, 0, 0));
    }

    @Test
    void aReversalBeyondWhatRemainsIsRefusedAndWritesNothing() {
        reverse("r-1", "t-1", "10.00");
        long before = ledger.eventCount();

        assertRefused(() -> reverse("r-2", "t-1", "30.01"), LedgerErrorCode.REVERSAL_EXCEEDS_ORIGINAL);
        assertThat(ledger.eventCount()).isEqualTo(before);
        assertThat(ledger.transferEvents("r-2")).isEmpty();
    }

    @Test
    void aReversalBeyondTheOriginalIsRefusedAndWritesNothing() {
        long before = ledger.eventCount();

        assertRefused(() -> reverse("r-1", "t-1", "40.01"), LedgerErrorCode.REVERSAL_EXCEEDS_ORIGINAL);
        assertThat(ledger.eventCount()).isEqualTo(before);
    }

    @Test
    void aFullReversalAfterAPartialOneIsRefused() {
        reverse("r-1", "t-1", "10.00");

        assertRefused(() -> reverse("r-2", "t-1", null), LedgerErrorCode.REVERSAL_EXCEEDS_ORIGINAL);
    }

    @Test
    void repeatingAReversalReturnsTheSameReceiptAndWritesNothing() {
        CommandOutcome<TransferReceipt> original = reverse("r-1", "t-1", null);
        long before = ledger.eventCount();

        CommandOutcome<TransferReceipt> repeat = reverse("r-1", "t-1", null);

        assertThat(repeat.repeated()).isTrue();
        assertThat(repeat.result()).isEqualTo(original.result());
        assertThat(ledger.eventCount()).isEqualTo(before);
    }

    @Test
    void repeatingAPartialReversalWithItsAmountReturnsTheSameReceipt() {
        CommandOutcome<TransferReceipt> original = reverse("r-1", "t-1", "15.00");

        CommandOutcome<TransferReceipt> repeat = reverse("r-1", "t-1", "15.00");

        assertThat(repeat.repeated()).isTrue();
        assertThat(repeat.result()).isEqualTo(original.result());
    }

    @Test
    void reusingAReversalIdWithAnotherAmountIsAConflict() {
        reverse("r-1", "t-1", "15.00");
        long before = ledger.eventCount();

        assertRefused(() -> reverse("r-1", "t-1", "15.01"), LedgerErrorCode.ID_CONFLICT);
        assertThat(ledger.eventCount()).isEqualTo(before);
    }

    @Test
    void aReversalIsRefusedWhenTheCreditedAccountSpentTheMoney() {
        ledger.send(new TransferFundsCommand("t-2", BOB, SETTLEMENT, 4_000, EUR, Map.of()));
        long before = ledger.eventCount();

        assertRefused(() -> reverse("r-1", "t-1", "0.01"), LedgerErrorCode.INSUFFICIENT_FUNDS);
        assertThat(ledger.eventCount()).isEqualTo(before);
    }

    @Test
    void aReversalTouchingAFrozenAccountIsRefusedAndWritesNothing() {
        ledger.send(new FreezeAccountCommand(ALICE, "Compliance review"));
        long before = ledger.eventCount();

        assertRefused(() -> reverse("r-1", "t-1", null), LedgerErrorCode.ACCOUNT_FROZEN);
        assertThat(ledger.eventCount()).isEqualTo(before);
    }

    @Test
    void aReversalWithInvalidMetadataIsRefusedAndWritesNothing() {
        long before = ledger.eventCount();

        assertRefused(() -> ledger.send(new ReverseTransferCommand("r-1", "t-1", null, Map.of("a b", "v"))),
                LedgerErrorCode.INVALID_METADATA);
        assertThat(ledger.eventCount()).isEqualTo(before);
    }

    @Test
    void aReversalWithAnInvalidIdIsRefused() {
        assertRefused(() -> reverse("r 1", "t-1", null), LedgerErrorCode.INVALID_ID);
    }

    @Test
    void aReversalIdCannotReuseTheIdOfAnotherTransfer() {
        assertRefused(() -> reverse("funding-alice", "t-1", null), LedgerErrorCode.ID_CONFLICT);
    }

    @Test
    void aReversalOfAReversalIsRefused() {
        reverse("r-1", "t-1", "15.00");

        assertRefused(() -> reverse("r-2", "r-1", null), LedgerErrorCode.TRANSFER_NOT_REVERSIBLE);
    }

    @Test
    void aReversalOfAnUnknownTransferIsRefused() {
        assertRefused(() -> reverse("r-1", "t-404", null), LedgerErrorCode.TRANSFER_NOT_FOUND);
    }

    @Test
    void aPendingHoldCannotBeReversed() {
        ledger.send(new PlaceHoldCommand("h-1", ALICE, BOB, 1_000, EUR, Map.of(), 60L, null, T0));

        assertRefused(() -> reverse("r-1", "h-1", null), LedgerErrorCode.TRANSFER_NOT_REVERSIBLE);
    }

    @Test
    void aHoldPostedInPartCanBeReversedUpToItsPostedPartOnly() {
        ledger.send(new PlaceHoldCommand("h-1", ALICE, BOB, 1_000, EUR, Map.of(), 60L, null, T0));
        ledger.send(new PostHoldCommand("h-1", "3.00", T0.plusSeconds(10)));

        assertRefused(() -> reverse("r-1", "h-1", "3.01"), LedgerErrorCode.REVERSAL_EXCEEDS_ORIGINAL);
        CommandOutcome<TransferReceipt> full = reverse("r-2", "h-1", null);

        assertThat(full.result().amountMinor()).isEqualTo(300L);
        assertThat(ledger.balanceOf(ALICE)).isEqualTo(new Balance(6_000, 0, 0));
        assertThat(ledger.balanceOf(BOB)).isEqualTo(new Balance(4_000, 0, 0));
    }

    private CommandOutcome<TransferReceipt> reverse(String reversalId, String originalId, String amount) {
        return ledger.send(new ReverseTransferCommand(reversalId, originalId, amount, Map.of()));
    }

    private static void assertRefused(Runnable command, LedgerErrorCode expected) {
        assertThatExceptionOfType(LedgerException.class)
                .isThrownBy(command::run)
                .extracting(LedgerException::code)
                .isEqualTo(expected);
    }
}
