package io.ledger.command.transfer;

import io.ledger.command.CommandSide;
import io.ledger.command.CommandSide.Balance;
import io.ledger.core.CommandOutcome;
import io.ledger.core.account.AccountHoldReservedEvent;
import io.ledger.core.account.FreezeAccountCommand;
import io.ledger.core.account.LegSide;
import io.ledger.core.account.OpenAccountCommand;
import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;
import io.ledger.core.transfer.ExpireHoldCommand;
import io.ledger.core.transfer.HoldPlacedEvent;
import io.ledger.core.transfer.HoldResolution;
import io.ledger.core.transfer.PlaceHoldCommand;
import io.ledger.core.transfer.PostHoldCommand;
import io.ledger.core.transfer.TransferFundsCommand;
import io.ledger.core.transfer.TransferKind;
import io.ledger.core.transfer.TransferReceipt;
import io.ledger.core.transfer.TransferStatus;
import io.ledger.core.transfer.VoidHoldCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Holds through the real command bus and event store: what each step does to both accounts' balances. */
class HoldCommandHandlerTest {

    private static final String EUR = "EUR";
    private static final String SETTLEMENT = "settlement.eur";
    private static final String ALICE = "alice";
    private static final String BOB = "bob";
    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant EXPIRES_AT = T0.plusSeconds(60);

    private CommandSide ledger;

    @BeforeEach
    void setUp() {
        ledger = new CommandSide();
        ledger.send(new OpenAccountCommand(SETTLEMENT, EUR, "Settlement", 0, true));
        ledger.send(new OpenAccountCommand(ALICE, EUR, "Alice", 0, false));
        ledger.send(new OpenAccountCommand(BOB, EUR, "Bob", 0, false));
        ledger.send(new TransferFundsCommand("funding-alice", SETTLEMENT, ALICE, 10_000, EUR, Map.of()));
    }

    @AfterEach
    void tearDown() {
        ledger.close();
    }

    // Placing

    @Test
    void placingAHoldReservesTheAmountOnBothAccountsWithoutMovingIt() {
        placeHold("h-1", 4_000);

        assertThat(ledger.balanceOf(ALICE)).isEqualTo(new Balance(10_000, 4_000, 0));
        assertThat(ledger.balanceOf(ALICE).availableMinor()).isEqualTo(6_000L);
        assertThat(ledger.balanceOf(BOB)).isEqualTo(new Balance(0, 0, 4_000));
        assertThat(ledger.balanceOf(BOB).availableMinor()).isZero();
    }

    @Test
    void placingAHoldWritesTheHoldAndOneReservationOnEachAccount() {
        long before = ledger.eventCount();

        placeHold("h-1", 4_000);

        assertThat(ledger.eventCount() - before).isEqualTo(3);
        assertThat(ledger.transferEvents("h-1")).containsExactly(
                new HoldPlacedEvent("h-1", ALICE, BOB, 4_000, EUR, Map.of(), 60L, EXPIRES_AT));
        assertThat(ledger.accountEvents(ALICE)).last()
                .isEqualTo(new AccountHoldReservedEvent(ALICE, "h-1", LegSide.DEBIT, BOB, 4_000, EUR));
        assertThat(ledger.accountEvents(BOB)).last()
                .isEqualTo(new AccountHoldReservedEvent(BOB, "h-1", LegSide.CREDIT, ALICE, 4_000, EUR));
    }

    @Test
    void placingAHoldAnswersWithAPendingReceipt() {
        CommandOutcome<TransferReceipt> outcome = placeHold("h-1", 4_000);

        assertThat(outcome.repeated()).isFalse();
        assertThat(outcome.result().kind()).isEqualTo(TransferKind.HOLD);
        assertThat(outcome.result().status()).isEqualTo(TransferStatus.PENDING);
        assertThat(outcome.result().expiresAt()).isEqualTo(EXPIRES_AT);
    }

    @Test
    void repeatingAPlacementLaterReturnsTheOriginalReceiptAndWritesNothing() {
        CommandOutcome<TransferReceipt> original = placeHold("h-1", 4_000);
        long before = ledger.eventCount();

        CommandOutcome<TransferReceipt> repeat = ledger.send(
                new PlaceHoldCommand("h-1", ALICE, BOB, 4_000, EUR, Map.of(), 60L, null, T0.plusSeconds(30)));

        assertThat(repeat.repeated()).isTrue();
        assertThat(repeat.result()).isEqualTo(original.result());
        assertThat(ledger.eventCount()).isEqualTo(before);
    }

    @Test
    void aRepeatWithoutTheOriginalExpiryInstantIsNotAFaithfulRepeat() {
        Instant expiry = T0.plusSeconds(3_600);
        ledger.send(new PlaceHoldCommand("h-1", ALICE, BOB, 4_000, EUR, Map.of(), null, expiry, T0));
        long before = ledger.eventCount();

        // Same id and amounts, but no expiry at all: not the same content, and not a valid hold either.
        assertThatExceptionOfType(LedgerException.class)
                .isThrownBy(() -> ledger.send(
                        new PlaceHoldCommand("h-1", ALICE, BOB, 4_000, EUR, Map.of(), null, null, T0.plusSeconds(5))))
                .extracting(LedgerException::code)
                .isIn(LedgerErrorCode.ID_CONFLICT, LedgerErrorCode.INVALID_EXPIRY);
        assertThat(ledger.eventCount()).isEqualTo(before);
    }

    @Test
    void aRepeatThatAddsAnExpiryInstantToTheOriginalTimeoutIsNotAFaithfulRepeat() {
        placeHold("h-1", 4_000);
        long before = ledger.eventCount();

        // The original gave only a timeout; a hold given both a timeout and an expiry instant is not even valid.
        assertThatExceptionOfType(LedgerException.class)
                .isThrownBy(() -> ledger.send(
                        new PlaceHoldCommand("h-1", ALICE, BOB, 4_000, EUR, Map.of(), 60L, EXPIRES_AT, T0)))
                .extracting(LedgerException::code)
                .isIn(LedgerErrorCode.ID_CONFLICT, LedgerErrorCode.INVALID_EXPIRY);
        assertThat(ledger.eventCount()).isEqualTo(before);
    }

    @Test
    void aRepeatWithAnotherTimeoutIsAConflict() {
        placeHold("h-1", 4_000);

        assertRefused(() -> ledger.send(new PlaceHoldCommand("h-1", ALICE, BOB, 4_000, EUR, Map.of(), 61L, null, T0)),
                LedgerErrorCode.ID_CONFLICT);
    }

    @Test
    void aSecondHoldCannotReserveWhatTheFirstHolds() {
        placeHold("h-1", 6_000);
        long before = ledger.eventCount();

        assertRefused(() -> placeHold("h-2", 4_001), LedgerErrorCode.INSUFFICIENT_FUNDS);
        assertThat(ledger.eventCount()).isEqualTo(before);
        assertThat(ledger.transferEvents("h-2")).isEmpty();
    }

    @Test
    void aHoldMakesItsAmountUnavailableToTransfersUntilItIsVoided() {
        placeHold("h-1", 10_000);
        long before = ledger.eventCount();

        assertRefused(() -> transfer("t-1", ALICE, BOB, 1), LedgerErrorCode.INSUFFICIENT_FUNDS);
        assertThat(ledger.eventCount()).isEqualTo(before);

        ledger.send(new VoidHoldCommand("h-1", T0.plusSeconds(10)));
        CommandOutcome<TransferReceipt> afterVoid = transfer("t-1", ALICE, BOB, 10_000);

        assertThat(afterVoid.repeated()).isFalse();
        assertThat(ledger.balanceOf(ALICE)).isEqualTo(new Balance(0, 0, 0));
    }

    @Test
    void aPendingCreditCannotBeSpentBeforeTheHoldIsPosted() {
        placeHold("h-1", 4_000);

        assertRefused(() -> transfer("t-1", BOB, ALICE, 1), LedgerErrorCode.INSUFFICIENT_FUNDS);
    }

    @Test
    void placingAHoldOnAFrozenAccountIsRefusedAndWritesNothing() {
        freeze(BOB);
        long before = ledger.eventCount();

        assertRefused(() -> placeHold("h-1", 4_000), LedgerErrorCode.ACCOUNT_FROZEN);
        assertThat(ledger.eventCount()).isEqualTo(before);
    }

    // Posting

    @Test
    void postingAHoldInFullMovesTheWholeAmountAndClearsBothReservations() {
        placeHold("h-1", 4_000);

        CommandOutcome<HoldResolution> outcome = ledger.send(new PostHoldCommand("h-1", null, T0.plusSeconds(10)));

        assertThat(outcome.repeated()).isFalse();
        assertThat(outcome.result().postedMinor()).isEqualTo(4_000L);
        assertThat(outcome.result().releasedMinor()).isZero();
        assertThat(ledger.balanceOf(ALICE)).isEqualTo(new Balance(6_000, 0, 0));
        assertThat(ledger.balanceOf(BOB)).isEqualTo(new Balance(4_000, 0, 0));
    }

    @Test
    void postingAHoldInPartMovesOnlyThePostedPartAndReleasesTheRestOnBothAccounts() {
        placeHold("h-1", 4_000);

        CommandOutcome<HoldResolution> outcome = ledger.send(new PostHoldCommand("h-1", "15.00", T0.plusSeconds(10)));

        assertThat(outcome.result().status()).isEqualTo(TransferStatus.POSTED);
        assertThat(outcome.result().heldMinor()).isEqualTo(4_000L);
        assertThat(outcome.result().postedMinor()).isEqualTo(1_500L);
        assertThat(outcome.result().releasedMinor()).isEqualTo(2_500L);
        assertThat(ledger.balanceOf(ALICE)).isEqualTo(new Balance(8_500, 0, 0));
        assertThat(ledger.balanceOf(BOB)).isEqualTo(new Balance(1_500, 0, 0));
    }

    @Test
    void postingAHoldThatReservesTheWholeBalanceSucceeds() {
        placeHold("h-1", 10_000);

        ledger.send(new PostHoldCommand("h-1", null, T0.plusSeconds(10)));

        assertThat(ledger.balanceOf(ALICE)).isEqualTo(new Balance(0, 0, 0));
        assertThat(ledger.balanceOf(BOB)).isEqualTo(new Balance(10_000, 0, 0));
    }

    @Test
    void repeatingAPostReturnsTheSameResolutionAndWritesNothing() {
        placeHold("h-1", 4_000);
        CommandOutcome<HoldResolution> original = ledger.send(new PostHoldCommand("h-1", "15.00", T0.plusSeconds(10)));
        long before = ledger.eventCount();

        CommandOutcome<HoldResolution> repeat = ledger.send(new PostHoldCommand("h-1", "15.00", T0.plusSeconds(20)));

        assertThat(repeat.repeated()).isTrue();
        assertThat(repeat.result()).isEqualTo(original.result());
        assertThat(ledger.eventCount()).isEqualTo(before);
    }

    @Test
    void postingOnAFrozenDebitAccountIsRefusedAndWritesNothing() {
        placeHold("h-1", 4_000);
        freeze(ALICE);
        long before = ledger.eventCount();

        assertRefused(() -> ledger.send(new PostHoldCommand("h-1", null, T0.plusSeconds(10))),
                LedgerErrorCode.ACCOUNT_FROZEN);
        assertThat(ledger.eventCount()).isEqualTo(before);
        assertThat(ledger.balanceOf(ALICE)).isEqualTo(new Balance(10_000, 4_000, 0));
        assertThat(ledger.balanceOf(BOB)).isEqualTo(new Balance(0, 0, 4_000));
    }

    @Test
    void postingOnAFrozenCreditAccountIsRefusedAndWritesNothing() {
        placeHold("h-1", 4_000);
        freeze(BOB);
        long before = ledger.eventCount();

        assertRefused(() -> ledger.send(new PostHoldCommand("h-1", null, T0.plusSeconds(10))),
                LedgerErrorCode.ACCOUNT_FROZEN);
        assertThat(ledger.eventCount()).isEqualTo(before);
    }

    @Test
    void postingAnUnknownHoldIsRefused() {
        assertRefused(() -> ledger.send(new PostHoldCommand("h-404", null, T0)), LedgerErrorCode.TRANSFER_NOT_FOUND);
    }

    @Test
    void aRefusedPostLeavesTheHoldPendingAndPostableLater() {
        placeHold("h-1", 4_000);
        assertRefused(() -> ledger.send(new PostHoldCommand("h-1", "40.01", T0.plusSeconds(10))),
                LedgerErrorCode.POST_AMOUNT_EXCEEDS_HOLD);

        CommandOutcome<HoldResolution> outcome = ledger.send(new PostHoldCommand("h-1", "40.00", T0.plusSeconds(20)));

        assertThat(outcome.repeated()).isFalse();
        assertThat(ledger.balanceOf(BOB)).isEqualTo(new Balance(4_000, 0, 0));
    }

    // Voiding and expiring

    @Test
    void voidingAHoldReleasesEverythingOnBothAccounts() {
        placeHold("h-1", 4_000);

        CommandOutcome<HoldResolution> outcome = ledger.send(new VoidHoldCommand("h-1", T0.plusSeconds(10)));

        assertThat(outcome.result().status()).isEqualTo(TransferStatus.VOIDED);
        assertThat(outcome.result().releasedMinor()).isEqualTo(4_000L);
        assertThat(ledger.balanceOf(ALICE)).isEqualTo(new Balance(10_000, 0, 0));
        assertThat(ledger.balanceOf(BOB)).isEqualTo(new Balance(0, 0, 0));
    }

    @Test
    void expiringAHoldReleasesEverythingOnBothAccounts() {
        placeHold("h-1", 4_000);

        CommandOutcome<HoldResolution> outcome = ledger.send(new ExpireHoldCommand("h-1", EXPIRES_AT));

        assertThat(outcome.result().status()).isEqualTo(TransferStatus.EXPIRED);
        assertThat(outcome.result().releasedMinor()).isEqualTo(4_000L);
        assertThat(ledger.balanceOf(ALICE)).isEqualTo(new Balance(10_000, 0, 0));
        assertThat(ledger.balanceOf(BOB)).isEqualTo(new Balance(0, 0, 0));
    }

    @Test
    void voidingAHoldOnAFrozenAccountIsAllowed() {
        placeHold("h-1", 4_000);
        freeze(ALICE);
        freeze(BOB);

        CommandOutcome<HoldResolution> outcome = ledger.send(new VoidHoldCommand("h-1", T0.plusSeconds(10)));

        assertThat(outcome.repeated()).isFalse();
        assertThat(ledger.balanceOf(ALICE)).isEqualTo(new Balance(10_000, 0, 0));
        assertThat(ledger.balanceOf(BOB)).isEqualTo(new Balance(0, 0, 0));
    }

    @Test
    void expiringAHoldOnAFrozenAccountIsAllowed() {
        placeHold("h-1", 4_000);
        freeze(ALICE);

        CommandOutcome<HoldResolution> outcome = ledger.send(new ExpireHoldCommand("h-1", EXPIRES_AT));

        assertThat(outcome.repeated()).isFalse();
        assertThat(ledger.balanceOf(ALICE)).isEqualTo(new Balance(10_000, 0, 0));
    }

    @Test
    void repeatingAVoidReturnsTheSameResolutionAndWritesNothing() {
        placeHold("h-1", 4_000);
        CommandOutcome<HoldResolution> original = ledger.send(new VoidHoldCommand("h-1", T0.plusSeconds(10)));
        long before = ledger.eventCount();

        CommandOutcome<HoldResolution> repeat = ledger.send(new VoidHoldCommand("h-1", T0.plusSeconds(20)));

        assertThat(repeat.repeated()).isTrue();
        assertThat(repeat.result()).isEqualTo(original.result());
        assertThat(ledger.eventCount()).isEqualTo(before);
    }

    @Test
    void postingAVoidedHoldIsRefusedAndWritesNothing() {
        placeHold("h-1", 4_000);
        ledger.send(new VoidHoldCommand("h-1", T0.plusSeconds(10)));
        long before = ledger.eventCount();

        assertRefused(() -> ledger.send(new PostHoldCommand("h-1", null, T0.plusSeconds(20))),
                LedgerErrorCode.HOLD_ALREADY_VOIDED);
        assertThat(ledger.eventCount()).isEqualTo(before);
    }

    private CommandOutcome<TransferReceipt> placeHold(String holdId, long amountMinor) {
        return ledger.send(new PlaceHoldCommand(holdId, ALICE, BOB, amountMinor, EUR, Map.of(), 60L, null, T0));
    }

    private CommandOutcome<TransferReceipt> transfer(String transferId, String debit, String credit, long amountMinor) {
        return ledger.send(new TransferFundsCommand(transferId, debit, credit, amountMinor, EUR, Map.of()));
    }

    private void freeze(String accountId) {
        ledger.send(new FreezeAccountCommand(accountId, "Compliance review"));
    }

    private static void assertRefused(Runnable command, LedgerErrorCode expected) {
        assertThatExceptionOfType(LedgerException.class)
                .isThrownBy(command::run)
                .extracting(LedgerException::code)
                .isEqualTo(expected);
    }
}
