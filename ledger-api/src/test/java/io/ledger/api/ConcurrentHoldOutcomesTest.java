package io.ledger.api;

import io.ledger.api.command.LedgerCommands;
import io.ledger.core.CommandOutcome;
import io.ledger.core.StreamIds;
import io.ledger.core.account.AccountView;
import io.ledger.core.account.OpenAccountCommand;
import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;
import io.ledger.core.transfer.HoldResolution;
import io.ledger.core.transfer.PlaceHoldCommand;
import io.ledger.core.transfer.PostHoldCommand;
import io.ledger.core.transfer.TransferFundsCommand;
import io.ledger.core.transfer.TransferStatus;
import io.ledger.core.transfer.VoidHoldCommand;
import io.ledger.query.balance.BalanceStore;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many threads posting and voiding the same holds at the same moment: each hold gets exactly one outcome, and the
 * money moves exactly as that one outcome says.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "spring.datasource.url=jdbc:h2:mem:ledger-hold-races;DB_CLOSE_DELAY=-1")
class ConcurrentHoldOutcomesTest {

    private static final int HOLDS = 20;
    private static final int THREADS_PER_HOLD = 8;

    @Autowired
    LedgerCommands commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    BalanceStore balances;

    @Test
    void concurrentPostsAndVoidsOfTheSameHoldsGiveEachExactlyOneOutcome() throws Exception {
        commands.send(new OpenAccountCommand("race-bank", "EUR", "Bank", 0, true));
        commands.send(new OpenAccountCommand("race-payer", "EUR", "Payer", 0, false));
        commands.send(new OpenAccountCommand("race-payee", "EUR", "Payee", 0, false));
        commands.send(new TransferFundsCommand("race-fund", "race-bank", "race-payer", 100_000, "EUR", Map.of()));
        Instant now = Instant.now();
        for (int h = 0; h < HOLDS; h++) {
            commands.send(new PlaceHoldCommand("race-h" + h, "race-payer", "race-payee", 1_000, "EUR", Map.of(),
                    3_600L, null, now));
        }

        Map<String, Set<TransferStatus>> outcomesByHold = new ConcurrentHashMap<>();
        CountDownLatch startTogether = new CountDownLatch(1);
        List<Callable<Void>> racers = new ArrayList<>();
        for (int h = 0; h < HOLDS; h++) {
            String holdId = "race-h" + h;
            for (int t = 0; t < THREADS_PER_HOLD; t++) {
                boolean post = t % 2 == 0;
                racers.add(() -> {
                    startTogether.await();
                    try {
                        CommandOutcome<HoldResolution> outcome = commands.send(post
                                ? new PostHoldCommand(holdId, "6.00", Instant.now())
                                : new VoidHoldCommand(holdId, Instant.now()));
                        outcomesByHold.computeIfAbsent(holdId, id -> ConcurrentHashMap.newKeySet())
                                .add(outcome.result().status());
                    } catch (LedgerException lostTheRace) {
                        assertThat(lostTheRace.code()).isIn(LedgerErrorCode.HOLD_ALREADY_POSTED,
                                LedgerErrorCode.HOLD_ALREADY_VOIDED);
                    }
                    return null;
                });
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (Callable<Void> racer : racers) {
                futures.add(pool.submit(racer));
            }
            startTogether.countDown();
            for (Future<Void> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        long postedHolds = 0;
        for (int h = 0; h < HOLDS; h++) {
            String holdId = "race-h" + h;
            assertThat(outcomesByHold.get(holdId)).as(holdId).hasSize(1);
            List<String> outcomeEvents = eventStore.readEvents(StreamIds.transfer(holdId)).asStream()
                    .map(DomainEventMessage::getPayloadType).map(Class::getSimpleName)
                    .filter(type -> type.startsWith("Hold") && !type.equals("HoldPlacedEvent")).toList();
            assertThat(outcomeEvents).as(holdId).hasSize(1);
            postedHolds += outcomesByHold.get(holdId).contains(TransferStatus.POSTED) ? 1 : 0;
        }
        long expectedPayee = postedHolds * 600;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            AccountView payer = balances.findAccount("race-payer").orElseThrow();
            AccountView payee = balances.findAccount("race-payee").orElseThrow();
            assertThat(payee.postedMinor()).isEqualTo(expectedPayee);
            assertThat(payer.postedMinor()).isEqualTo(100_000 - expectedPayee);
            assertThat(payer.pendingDebitsMinor()).isZero();
            assertThat(payee.pendingCreditsMinor()).isZero();
        });
    }
}
