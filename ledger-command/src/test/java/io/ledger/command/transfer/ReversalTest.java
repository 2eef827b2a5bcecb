package io.ledger.command.transfer;

import io.ledger.command.Replay;
import io.ledger.core.error.InvalidAmountException;
import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;
import io.ledger.core.money.AmountLimits;
import io.ledger.core.transfer.HoldExpiredEvent;
import io.ledger.core.transfer.HoldPlacedEvent;
import io.ledger.core.transfer.HoldPostedEvent;
import io.ledger.core.transfer.HoldVoidedEvent;
import io.ledger.core.transfer.ReversalPostedEvent;
import io.ledger.core.transfer.TransferPostedEvent;
import io.ledger.core.transfer.TransferReversedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** What the original transfer records of its reversals, and which reversals it refuses. */
class ReversalTest {

    private static final String ORIGINAL = "t-1";
    private static final String ALICE = "alice";
    private static final String BOB = "bob";
    private static final String EUR = "EUR";
    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    private FixtureConfiguration<Transfer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Transfer.class);
        fixture.registerInjectableResource(AmountLimits.DEFAULT);
    }

    // Transfers

    @Test
    void aReversalIsRecordedOnTheOriginalWithTheTotalReversedSoFar() {
        fixture.given(posted())
               .when(new RecordReversalCommand(ORIGINAL, "r-1", 300))
               .expectEvents(new TransferReversedEvent(ORIGINAL, "r-1", 300, 300));
    }

    @Test
    void aLaterReversalAddsToTheRunningTotal() {
        fixture.given(posted(), reversed("r-1", 300, 300))
               .when(new RecordReversalCommand(ORIGINAL, "r-2", 200))
               .expectEvents(new TransferReversedEvent(ORIGINAL, "r-2", 200, 500));
    }

    @Test
    void theWholeOriginalCanBeReversedAtOnce() {
        fixture.given(posted())
               .when(new RecordReversalCommand(ORIGINAL, "r-1", 1_000))
               .expectEvents(new TransferReversedEvent(ORIGINAL, "r-1", 1_000, 1_000));
    }

    @Test
    void exactlyWhatRemainsCanBeReversed() {
        fixture.given(posted(), reversed("r-1", 300, 300), reversed("r-2", 200, 500))
               .when(new RecordReversalCommand(ORIGINAL, "r-3", 500))
               .expectEvents(new TransferReversedEvent(ORIGINAL, "r-3", 500, 1_000));
    }

    @Test
    void refusesToReverseMoreThanRemains() {
        assertRefused(new Object[]{posted(), reversed("r-1", 300, 300)},
                new RecordReversalCommand(ORIGINAL, "r-2", 701), LedgerErrorCode.REVERSAL_EXCEEDS_ORIGINAL);
    }

    @Test
    void refusesToReverseMoreThanTheOriginalAtOnce() {
        assertRefused(new Object[]{posted()}, new RecordReversalCommand(ORIGINAL, "r-1", 1_001),
                LedgerErrorCode.REVERSAL_EXCEEDS_ORIGINAL);
    }

    @Test
    void refusesAnyReversalOfAFullyReversedTransfer() {
        assertRefused(new Object[]{posted(), reversed("r-1", 1_000, 1_000)},
                new RecordReversalCommand(ORIGINAL, "r-2", 1), LedgerErrorCode.REVERSAL_EXCEEDS_ORIGINAL);
    }

    @Test
    void refusesAReversalOfZero() {
        fixture.given(posted())
               .when(new RecordReversalCommand(ORIGINAL, "r-1", 0))
               .expectException(InvalidAmountException.class)
               .expectNoEvents();
        assertCode(new Object[]{posted()}, new RecordReversalCommand(ORIGINAL, "r-1", 0),
                LedgerErrorCode.INVALID_AMOUNT);
    }

    @Test
    void refusesANegativeReversal() {
        assertRefused(new Object[]{posted()}, new RecordReversalCommand(ORIGINAL, "r-1", -1),
                LedgerErrorCode.INVALID_AMOUNT);
    }

    @Test
    void refusesToReverseAReversal() {
        assertRefused(new Object[]{new ReversalPostedEvent(ORIGINAL, "t-0", BOB, ALICE, 1_000, EUR, Map.of())},
                new RecordReversalCommand(ORIGINAL, "r-1", 100), LedgerErrorCode.TRANSFER_NOT_REVERSIBLE);
    }

    // Holds

    @Test
    void refusesToReverseAPendingHold() {
        assertRefused(new Object[]{placed()}, new RecordReversalCommand(ORIGINAL, "r-1", 100),
                LedgerErrorCode.TRANSFER_NOT_REVERSIBLE);
    }

    @Test
    void refusesToReverseAVoidedHold() {
        assertRefused(new Object[]{placed(), new HoldVoidedEvent(ORIGINAL, ALICE, BOB, 1_000, EUR)},
                new RecordReversalCommand(ORIGINAL, "r-1", 100), LedgerErrorCode.TRANSFER_NOT_REVERSIBLE);
    }

    @Test
    void refusesToReverseAnExpiredHold() {
        assertRefused(new Object[]{placed(), new HoldExpiredEvent(ORIGINAL, ALICE, BOB, 1_000, EUR, T0)},
                new RecordReversalCommand(ORIGINAL, "r-1", 100), LedgerErrorCode.TRANSFER_NOT_REVERSIBLE);
    }

    @Test
    void aHoldPostedInFullCanBeReversedInFull() {
        fixture.given(placed(), new HoldPostedEvent(ORIGINAL, ALICE, BOB, 1_000, 1_000, 0, EUR))
               .when(new RecordReversalCommand(ORIGINAL, "r-1", 1_000))
               .expectEvents(new TransferReversedEvent(ORIGINAL, "r-1", 1_000, 1_000));
    }

    @Test
    void aHoldPostedInPartCanBeReversedUpToItsPostedPart() {
        fixture.given(placed(), postedInPart(), reversed("r-1", 100, 100))
               .when(new RecordReversalCommand(ORIGINAL, "r-2", 200))
               .expectEvents(new TransferReversedEvent(ORIGINAL, "r-2", 200, 300));
    }

    @Test
    void refusesToReverseMoreThanThePostedPartOfAHold() {
        assertRefused(new Object[]{placed(), postedInPart()}, new RecordReversalCommand(ORIGINAL, "r-1", 301),
                LedgerErrorCode.REVERSAL_EXCEEDS_ORIGINAL);
    }

    // Helpers

    private void assertRefused(Object[] given, RecordReversalCommand command, LedgerErrorCode expected) {
        fixture.given(given)
               .when(command)
               .expectException(LedgerException.class)
               .expectNoEvents();
        assertCode(given, command, expected);
    }

    private static void assertCode(Object[] given, RecordReversalCommand command, LedgerErrorCode expected) {
        Transfer original = Replay.aggregate(Transfer.class, given);
        assertThatExceptionOfType(LedgerException.class)
                .isThrownBy(() -> original.handle(command))
                .extracting(LedgerException::code)
                .isEqualTo(expected);
    }

    private static TransferPostedEvent posted() {
        return new TransferPostedEvent(ORIGINAL, ALICE, BOB, 1_000, EUR, Map.of());
    }

    private static TransferReversedEvent reversed(String reversalId, long amountMinor, long totalMinor) {
        return new TransferReversedEvent(ORIGINAL, reversalId, amountMinor, totalMinor);
    }

    private static HoldPlacedEvent placed() {
        return new HoldPlacedEvent(ORIGINAL, ALICE, BOB, 1_000, EUR, Map.of(), 60L, T0.plusSeconds(60));
    }

    private static HoldPostedEvent postedInPart() {
        return new HoldPostedEvent(ORIGINAL, ALICE, BOB, 1_000, 300, 700, EUR);
    }
}
