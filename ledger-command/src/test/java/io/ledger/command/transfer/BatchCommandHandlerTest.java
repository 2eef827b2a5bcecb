package io.ledger.command.transfer;

import io.ledger.command.CommandSide;
import io.ledger.command.CommandSide.Balance;
import io.ledger.core.account.OpenAccountCommand;
import io.ledger.core.error.BatchItemRefusedException;
import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;
import io.ledger.core.transfer.BatchItemResult;
import io.ledger.core.transfer.BatchResult;
import io.ledger.core.transfer.BatchableCommand;
import io.ledger.core.transfer.ExecuteBatchCommand;
import io.ledger.core.transfer.PlaceHoldCommand;
import io.ledger.core.transfer.PostHoldCommand;
import io.ledger.core.transfer.TransferFundsCommand;
import io.ledger.core.transfer.TransferStatus;
import io.ledger.core.transfer.VoidHoldCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/** Batches through the real command bus and event store: one unit of work, atomic or item by item. */
class BatchCommandHandlerTest {

    private static final String EUR = "EUR";
    private static final String SETTLEMENT = "settlement.eur";
    private static final String ALICE = "alice";
    private static final String BOB = "bob";
    private static final String CAROL_USD = "carol-usd";
    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    private CommandSide ledger;

    @BeforeEach
    void setUp() {
        ledger = new CommandSide();
        ledger.send(new OpenAccountCommand(SETTLEMENT, EUR, "Settlement", 0, true));
        ledger.send(new OpenAccountCommand(ALICE, EUR, "Alice", 0, false));
        ledger.send(new OpenAccountCommand(BOB, EUR, "Bob", 0, false));
        ledger.send(new OpenAccountCommand(CAROL_USD, "USD", "Carol", 0, false));
        ledger.send(transfer("funding-alice", SETTLEMENT, ALICE, 10_000));
    }

    @AfterEach
    void tearDown() {
        ledger.close();
    }

    // Atomic batches

    @Test
    void anAtomicBatchWritesEveryItem() {
        BatchResult result = ledger.send(new ExecuteBatchCommand(List.of(
                transfer("t-1", ALICE, BOB, 1_000),
                transfer("t-2", BOB, SETTLEMENT, 1_000)), true));

        assertThat(result.items()).extracting(BatchItemResult::index, BatchItemResult::status)
                .containsExactly(tuple(0, BatchItemResult.Status.CREATED), tuple(1, BatchItemResult.Status.CREATED));
        assertThat(ledger.balanceOf(ALICE)).isEqualTo(new Balance(9_000, 0, 0));
        assertThat(ledger.balanceOf(BOB)).isEqualTo(new Balance(0, 0, 0));
    }

    @Test
    void anAtomicBatchWithOneRefusedItemWritesNothingAndNamesTheItem() {
        long before = ledger.eventCount();

        assertThatExceptionOfType(BatchItemRefusedException.class)
                .isThrownBy(() -> ledger.send(new ExecuteBatchCommand(List.of(
                        transfer("t-1", ALICE, BOB, 1_000),
                        transfer("t-2", SETTLEMENT, BOB, 500),
                        transfer("t-3", ALICE, BOB, 9_001),
                        transfer("t-4", SETTLEMENT, ALICE, 100)), true)))
                .satisfies(refusal -> {
                    assertThat(refusal.itemIndex()).isEqualTo(2);
                    assertThat(refusal.code()).isEqualTo(LedgerErrorCode.INSUFFICIENT_FUNDS);
                });
        assertThat(ledger.eventCount()).isEqualTo(before);
        assertThat(ledger.transferEvents("t-1")).isEmpty();
        assertThat(ledger.balanceOf(ALICE)).isEqualTo(new Balance(10_000, 0, 0));
    }

    @Test
    void aRefusedAtomicBatchLeavesItsIdsFreeForALaterAttempt() {
        assertThatExceptionOfType(BatchItemRefusedException.class)
                .isThrownBy(() -> ledger.send(new ExecuteBatchCommand(List.of(
                        transfer("t-1", ALICE, BOB, 1_000),
                        transfer("t-2", ALICE, "nobody", 1)), true)));

        BatchResult retry = ledger.send(new ExecuteBatchCommand(List.of(transfer("t-1", ALICE, BOB, 1_000)), true));

        assertThat(retry.items()).extracting(BatchItemResult::status).containsExactly(BatchItemResult.Status.CREATED);
    }

    // Item-by-item batches

    @Test
    void aNonAtomicBatchAnswersEveryItemInOrder() {
        ledger.send(transfer("t-0", ALICE, BOB, 100));

        BatchResult result = ledger.send(new ExecuteBatchCommand(List.of(
                transfer("t-1", ALICE, BOB, 1_000),
                transfer("t-0", ALICE, BOB, 100),
                transfer("t-2", ALICE, BOB, 9_000),
                transfer("t-3", ALICE, BOB, 500)), false));

        assertThat(result.items())
                .extracting(BatchItemResult::index, BatchItemResult::transferId, BatchItemResult::status,
                        BatchItemResult::code)
                .containsExactly(
                        tuple(0, "t-1", BatchItemResult.Status.CREATED, null),
                        tuple(1, "t-0", BatchItemResult.Status.REPEATED, null),
                        tuple(2, "t-2", BatchItemResult.Status.REFUSED, LedgerErrorCode.INSUFFICIENT_FUNDS),
                        tuple(3, "t-3", BatchItemResult.Status.CREATED, null));
        assertThat(result.items().get(0).receipt().amountMinor()).isEqualTo(1_000L);
        assertThat(result.items().get(2).receipt()).isNull();
        assertThat(result.items().get(2).message()).isNotBlank();
    }

    @Test
    void aNonAtomicBatchWritesTheAcceptedItemsAndNothingOfTheRefusedOne() {
        long before = ledger.eventCount();

        ledger.send(new ExecuteBatchCommand(List.of(
                transfer("t-1", ALICE, BOB, 1_000),
                transfer("t-2", ALICE, BOB, 9_001),
                transfer("t-3", ALICE, BOB, 500)), false));

        assertThat(ledger.eventCount() - before).isEqualTo(6);
        assertThat(ledger.transferEvents("t-1")).hasSize(1);
        assertThat(ledger.transferEvents("t-2")).isEmpty();
        assertThat(ledger.transferEvents("t-3")).hasSize(1);
        assertThat(ledger.balanceOf(ALICE)).isEqualTo(new Balance(8_500, 0, 0));
        assertThat(ledger.balanceOf(BOB)).isEqualTo(new Balance(1_500, 0, 0));
    }

    @Test
    void aRefusedItemLeavesNoTraceEvenInTheAccountsTheBatchHoldsInMemory() {
        // The first item passes Alice's checks and fails on Carol's currency; had its debit been applied to the
        // in-memory Alice, the second item could not spend her whole balance.
        BatchResult result = ledger.send(new ExecuteBatchCommand(List.of(
                transfer("t-1", ALICE, CAROL_USD, 5_000),
                transfer("t-2", ALICE, BOB, 10_000)), false));

        assertThat(result.items()).extracting(BatchItemResult::status, BatchItemResult::code).containsExactly(
                tuple(BatchItemResult.Status.REFUSED, LedgerErrorCode.CURRENCY_MISMATCH),
                tuple(BatchItemResult.Status.CREATED, null));
        assertThat(ledger.accountEvents(CAROL_USD)).hasSize(1);
        assertThat(ledger.balanceOf(ALICE)).isEqualTo(new Balance(0, 0, 0));
        assertThat(ledger.balanceOf(BOB)).isEqualTo(new Balance(10_000, 0, 0));
    }

    @Test
    void aRepeatOfAnItemWithinTheSameBatchIsAnsweredAsARepeat() {
        BatchResult result = ledger.send(new ExecuteBatchCommand(List.of(
                transfer("t-1", ALICE, BOB, 1_000),
                transfer("t-1", ALICE, BOB, 1_000)), false));

        assertThat(result.items()).extracting(BatchItemResult::status)
                .containsExactly(BatchItemResult.Status.CREATED, BatchItemResult.Status.REPEATED);
        assertThat(result.items().get(1).receipt()).isEqualTo(result.items().get(0).receipt());
        assertThat(ledger.balanceOf(BOB)).isEqualTo(new Balance(1_000, 0, 0));
    }

    @Test
    void reusingAnIdWithOtherContentWithinTheSameBatchIsRefusedAsAConflict() {
        BatchResult result = ledger.send(new ExecuteBatchCommand(List.of(
                transfer("t-1", ALICE, BOB, 1_000),
                transfer("t-1", ALICE, BOB, 1_001)), false));

        assertThat(result.items()).extracting(BatchItemResult::status, BatchItemResult::code).containsExactly(
                tuple(BatchItemResult.Status.CREATED, null),
                tuple(BatchItemResult.Status.REFUSED, LedgerErrorCode.ID_CONFLICT));
    }

    // Holds in batches

    @Test
    void aBatchCanPlaceAHoldAndPostItInALaterItem() {
        BatchResult result = ledger.send(new ExecuteBatchCommand(List.of(
                hold("h-1", 4_000),
                new PostHoldCommand("h-1", "15.00", T0.plusSeconds(1))), true));

        assertThat(result.items()).extracting(BatchItemResult::status)
                .containsExactly(BatchItemResult.Status.CREATED, BatchItemResult.Status.CREATED);
        assertThat(result.items().get(0).receipt().status()).isEqualTo(TransferStatus.PENDING);
        assertThat(result.items().get(1).resolution().postedMinor()).isEqualTo(1_500L);
        assertThat(result.items().get(1).resolution().releasedMinor()).isEqualTo(2_500L);
        assertThat(ledger.balanceOf(ALICE)).isEqualTo(new Balance(8_500, 0, 0));
        assertThat(ledger.balanceOf(BOB)).isEqualTo(new Balance(1_500, 0, 0));
    }

    @Test
    void aBatchCanPlaceAHoldAndVoidItInALaterItem() {
        BatchResult result = ledger.send(new ExecuteBatchCommand(List.of(
                hold("h-1", 4_000),
                new VoidHoldCommand("h-1", T0.plusSeconds(1))), true));

        assertThat(result.items().get(1).resolution().status()).isEqualTo(TransferStatus.VOIDED);
        assertThat(ledger.balanceOf(ALICE)).isEqualTo(new Balance(10_000, 0, 0));
        assertThat(ledger.balanceOf(BOB)).isEqualTo(new Balance(0, 0, 0));
    }

    @Test
    void aHoldPlacedEarlierInABatchReservesFundsForTheLaterItems() {
        BatchResult result = ledger.send(new ExecuteBatchCommand(List.of(
                hold("h-1", 6_000),
                transfer("t-1", ALICE, BOB, 4_001),
                transfer("t-2", ALICE, BOB, 4_000)), false));

        assertThat(result.items()).extracting(BatchItemResult::status).containsExactly(
                BatchItemResult.Status.CREATED, BatchItemResult.Status.REFUSED, BatchItemResult.Status.CREATED);
        assertThat(ledger.balanceOf(ALICE)).isEqualTo(new Balance(6_000, 6_000, 0));
    }

    @Test
    void aRefusedPostInANonAtomicBatchLeavesTheHoldPending() {
        BatchResult result = ledger.send(new ExecuteBatchCommand(List.of(
                hold("h-1", 4_000),
                new PostHoldCommand("h-1", "40.01", T0.plusSeconds(1))), false));

        assertThat(result.items()).extracting(BatchItemResult::status, BatchItemResult::code).containsExactly(
                tuple(BatchItemResult.Status.CREATED, null),
                tuple(BatchItemResult.Status.REFUSED, LedgerErrorCode.POST_AMOUNT_EXCEEDS_HOLD));
        assertThat(ledger.transferEvents("h-1")).hasSize(1);
        assertThat(ledger.balanceOf(ALICE)).isEqualTo(new Balance(10_000, 4_000, 0));
        assertThat(ledger.balanceOf(BOB)).isEqualTo(new Balance(0, 0, 4_000));
    }

    // Size

    @Test
    void refusesAnEmptyBatch() {
        assertRefused(new ExecuteBatchCommand(List.of(), false), LedgerErrorCode.INVALID_BATCH);
    }

    @Test
    void refusesABatchOfOneItemMoreThanTheMaximum() {
        long before = ledger.eventCount();

        assertRefused(new ExecuteBatchCommand(fundings(CommandSide.MAX_BATCH_ITEMS + 1), false),
                LedgerErrorCode.BATCH_TOO_LARGE);
        assertThat(ledger.eventCount()).isEqualTo(before);
    }

    @Test
    void acceptsABatchOfExactlyTheMaximumSize() {
        BatchResult result = ledger.send(new ExecuteBatchCommand(fundings(CommandSide.MAX_BATCH_ITEMS), true));

        assertThat(result.items()).hasSize(CommandSide.MAX_BATCH_ITEMS)
                .allSatisfy(item -> assertThat(item.status()).isEqualTo(BatchItemResult.Status.CREATED));
        assertThat(ledger.balanceOf(BOB)).isEqualTo(new Balance(CommandSide.MAX_BATCH_ITEMS, 0, 0));
    }

    private void assertRefused(ExecuteBatchCommand batch, LedgerErrorCode expected) {
        assertThatExceptionOfType(LedgerException.class)
                .isThrownBy(() -> ledger.send(batch))
                .extracting(LedgerException::code)
                .isEqualTo(expected);
    }

    private static List<BatchableCommand> fundings(int count) {
        return IntStream.range(0, count)
                .<BatchableCommand>mapToObj(i -> transfer("f-" + i, SETTLEMENT, BOB, 1))
                .toList();
    }

    // Concurrency

    @Test
    void batchesNamingTheSameAccountsInOppositeOrdersNeverWaitOnEachOther() throws Exception {
        openDaveAndErinWithFundsForDave();
        int rounds = 200;
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(2);
        try {
            // Item by item, one batch would lock alice and bob, then dave and erin, and hold them all to its commit;
            // the other the same pairs the other way round: each would wait for a lock the other holds.
            var forward = pool.submit(() -> sendBatches(start, rounds, "f", List.of(ALICE, BOB, "dave", "erin")));
            var backward = pool.submit(() -> sendBatches(start, rounds, "b", List.of("dave", "erin", ALICE, BOB)));
            start.countDown();

            assertThat(forward.get(60, TimeUnit.SECONDS)).isEqualTo(rounds);
            assertThat(backward.get(60, TimeUnit.SECONDS)).isEqualTo(rounds);
        } finally {
            pool.shutdownNow();
        }
        assertThat(ledger.balanceOf(ALICE).postedMinor() + ledger.balanceOf(BOB).postedMinor()).isEqualTo(10_000);
        assertThat(ledger.balanceOf("dave").postedMinor() + ledger.balanceOf("erin").postedMinor()).isEqualTo(10_000);
    }

    @Test
    void batchesVoidingHoldsLockTheHoldsAccountsInIdOrderWithTheirOthers() throws Exception {
        openDaveAndErinWithFundsForDave();
        int rounds = 50;
        for (int round = 0; round < rounds; round++) {
            ledger.send(new PlaceHoldCommand("hold-ab-" + round, ALICE, BOB, 1, EUR, Map.of(), 600L, null, T0));
            ledger.send(new PlaceHoldCommand("hold-de-" + round, "dave", "erin", 1, EUR, Map.of(), 600L, null, T0));
        }
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(2);
        try {
            // The hold's accounts are named by the hold, not by the item: locked as the item ran, one batch would
            // hold alice and bob and wait for dave, the other hold dave and erin and wait for alice. The account
            // locks do not search for deadlocks, so each would wait out the lock wait and be refused.
            var forward = pool.submit(() -> voidingBatches(start, rounds, "f", ALICE, BOB, "hold-de-"));
            var backward = pool.submit(() -> voidingBatches(start, rounds, "b", "dave", "erin", "hold-ab-"));
            start.countDown();

            assertThat(forward.get(60, TimeUnit.SECONDS)).isEqualTo(rounds);
            assertThat(backward.get(60, TimeUnit.SECONDS)).isEqualTo(rounds);
        } finally {
            pool.shutdownNow();
        }
        assertThat(ledger.balanceOf(ALICE).pendingDebitsMinor()).isZero();
        assertThat(ledger.balanceOf("dave").pendingDebitsMinor()).isZero();
    }

    /** Atomic batches of a transfer from {@code debit} to {@code credit} and the void of another pair's hold. */
    private int voidingBatches(CountDownLatch start, int rounds, String prefix, String debit, String credit,
                               String holdPrefix) throws InterruptedException {
        start.await();
        int written = 0;
        for (int round = 0; round < rounds; round++) {
            BatchResult result = ledger.send(new ExecuteBatchCommand(List.of(
                    transfer(prefix + round, debit, credit, 1),
                    new VoidHoldCommand(holdPrefix + round, T0)), true));
            written += result.items().size() == 2 ? 1 : 0;
        }
        return written;
    }

    /** A second pair of accounts, beside alice and bob, for two batches to cross. */
    private void openDaveAndErinWithFundsForDave() {
        ledger.send(new OpenAccountCommand("dave", EUR, "Dave", 0, false));
        ledger.send(new OpenAccountCommand("erin", EUR, "Erin", 0, false));
        ledger.send(transfer("funding-dave", SETTLEMENT, "dave", 10_000));
    }

    /**
     * Sends {@code rounds} atomic batches of two transfers, accounts[0] to [1] then [2] to [3]; returns how many
     * were written. A batch failed by a deadlock throws, and the test with it.
     */
    private int sendBatches(CountDownLatch start, int rounds, String prefix, List<String> accounts)
            throws InterruptedException {
        start.await();
        int written = 0;
        for (int round = 0; round < rounds; round++) {
            BatchResult result = ledger.send(new ExecuteBatchCommand(List.of(
                    transfer(prefix + round + "-1", accounts.get(0), accounts.get(1), 1),
                    transfer(prefix + round + "-2", accounts.get(2), accounts.get(3), 1)), true));
            written += result.items().size() == 2 ? 1 : 0;
        }
        return written;
    }

    private static TransferFundsCommand transfer(String transferId, String debit, String credit, long amountMinor) {
        return new TransferFundsCommand(transferId, debit, credit, amountMinor, EUR, Map.of());
    }

    private static PlaceHoldCommand hold(String holdId, long amountMinor) {
        return new PlaceHoldCommand(holdId, ALICE, BOB, amountMinor, EUR, Map.of(), 60L, null, T0);
    }
}
