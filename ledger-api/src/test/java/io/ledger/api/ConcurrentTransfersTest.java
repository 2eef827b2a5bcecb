package io.ledger.api;

import io.ledger.api.command.LedgerCommands;
import io.ledger.core.StreamIds;
import io.ledger.core.CommandOutcome;
import io.ledger.core.account.AccountCreditedEvent;
import io.ledger.core.account.AccountDebitedEvent;
import io.ledger.core.account.AccountView;
import io.ledger.core.account.OpenAccountCommand;
import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;
import io.ledger.core.transfer.TransferFundsCommand;
import io.ledger.core.transfer.TransferReceipt;
import io.ledger.query.balance.BalanceStore;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many threads moving money among a handful of accounts at once: no account is overdrawn, no update is lost, the
 * books still balance, nothing deadlocks, and the projection agrees with the events.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "spring.datasource.url=jdbc:h2:mem:ledger-concurrency;DB_CLOSE_DELAY=-1")
class ConcurrentTransfersTest {

    private static final int THREADS = 16;
    private static final int TRANSFERS_PER_THREAD = 60;

    @Autowired
    LedgerCommands commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    BalanceStore balances;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void concurrentRandomTransfersNeverOverdrawNeverLoseAnUpdateAndKeepTheBooksBalanced() throws Exception {
        String settlement = "settlement-" + run;
        commands.send(new OpenAccountCommand(settlement, "EUR", "Settlement", 0, true));
        List<String> accounts = new ArrayList<>();
        Map<String, Long> limits = new HashMap<>();
        for (int i = 0; i < 5; i++) {
            String account = "acct" + i + "-" + run;
            long limitMinor = i == 0 ? 5_000 : 0;
            commands.send(new OpenAccountCommand(account, "EUR", "Account " + i, limitMinor, false));
            commands.send(new TransferFundsCommand("fund" + i + "-" + run, settlement, account, 10_000, "EUR", Map.of()));
            accounts.add(account);
            limits.put(account, limitMinor);
        }

        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Callable<Void>> clients = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int client = t;
            clients.add(() -> {
                Random random = new Random(client);
                for (int n = 0; n < TRANSFERS_PER_THREAD; n++) {
                    String debit = accounts.get(random.nextInt(accounts.size()));
                    String credit = accounts.get(random.nextInt(accounts.size()));
                    if (debit.equals(credit)) {
                        continue;
                    }
                    try {
                        commands.send(new TransferFundsCommand("c" + client + "-" + n + "-" + run, debit, credit,
                                1 + random.nextInt(4_000), "EUR", Map.of()));
                        accepted.incrementAndGet();
                    } catch (LedgerException refusal) {
                        assertThat(refusal.code()).isEqualTo(LedgerErrorCode.INSUFFICIENT_FUNDS);
                        refused.incrementAndGet();
                    }
                }
                return null;
            });
        }
        runAllWithin(clients, Duration.ofMinutes(3));

        assertThat(accepted.get()).isPositive();
        assertThat(refused.get()).isPositive();

        Map<String, Long> fromEvents = new HashMap<>();
        for (String account : accounts) {
            fromEvents.put(account, balanceFromEvents(account));
        }
        fromEvents.put(settlement, balanceFromEvents(settlement));
        for (String account : accounts) {
            assertThat(fromEvents.get(account)).as(account).isGreaterThanOrEqualTo(-limits.get(account));
        }
        assertThat(fromEvents.values().stream().mapToLong(Long::longValue).sum()).isZero();
        assertThat(fromEvents.get(settlement)).isEqualTo(-50_000);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (var entry : fromEvents.entrySet()) {
                assertThat(balances.findAccount(entry.getKey()).map(AccountView::postedMinor))
                        .as(entry.getKey()).hasValue(entry.getValue());
            }
        });
    }

    @Test
    void concurrentDuplicatesOfOneTransferMoveTheMoneyExactlyOnce() throws Exception {
        String payer = "payer-" + run;
        String payee = "payee-" + run;
        String settlement = "dup-settlement-" + run;
        commands.send(new OpenAccountCommand(settlement, "EUR", "Settlement", 0, true));
        commands.send(new OpenAccountCommand(payer, "EUR", "Payer", 0, false));
        commands.send(new OpenAccountCommand(payee, "EUR", "Payee", 0, false));
        commands.send(new TransferFundsCommand("dup-fund-" + run, settlement, payer, 1_000, "EUR", Map.of()));

        String transferId = "dup-" + run;
        CountDownLatch startTogether = new CountDownLatch(1);
        List<Callable<CommandOutcome<TransferReceipt>>> duplicates = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            duplicates.add(() -> {
                startTogether.await();
                return commands.send(new TransferFundsCommand(transferId, payer, payee, 700, "EUR", Map.of()));
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<CommandOutcome<TransferReceipt>>> futures = new ArrayList<>();
            for (var duplicate : duplicates) {
                futures.add(pool.submit(duplicate));
            }
            startTogether.countDown();
            List<CommandOutcome<TransferReceipt>> outcomes = new ArrayList<>();
            for (var future : futures) {
                outcomes.add(future.get());
            }
            assertThat(outcomes).filteredOn(outcome -> !outcome.repeated()).hasSize(1);
            assertThat(outcomes).extracting(CommandOutcome::result).containsOnly(outcomes.get(0).result());
        } finally {
            pool.shutdownNow();
        }
        assertThat(eventsOf(StreamIds.transfer(transferId))).hasSize(1);
        assertThat(balanceFromEvents(payer)).isEqualTo(300);
        assertThat(balanceFromEvents(payee)).isEqualTo(700);
    }

    @Test
    void concurrentDuplicatesOfOneAccountOpeningOpenItOnce() throws Exception {
        String account = "dup-open-" + run;
        CountDownLatch startTogether = new CountDownLatch(1);
        Map<Boolean, AtomicInteger> byRepeat = new ConcurrentHashMap<>();
        List<Callable<Void>> openers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            openers.add(() -> {
                startTogether.await();
                CommandOutcome<?> outcome = commands.send(new OpenAccountCommand(account, "EUR", "Once", 0, false));
                byRepeat.computeIfAbsent(outcome.repeated(), key -> new AtomicInteger()).incrementAndGet();
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (var opener : openers) {
                futures.add(pool.submit(opener));
            }
            startTogether.countDown();
            for (var future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(byRepeat.get(false)).hasValue(1);
        assertThat(byRepeat.get(true)).hasValue(THREADS - 1);
        assertThat(eventsOf(StreamIds.account(account))).hasSize(1);
    }

    private static void runAllWithin(List<Callable<Void>> tasks, Duration limit) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<Void>> futures = pool.invokeAll(tasks, limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            for (Future<Void> future : futures) {
                assertThat(future.isCancelled()).as("a client did not finish in time: deadlock?").isFalse();
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private List<? extends DomainEventMessage<?>> eventsOf(String streamId) {
        return eventStore.readEvents(streamId).asStream().toList();
    }

    /** The balance as the account's own event stream says it is: credits minus debits. */
    private long balanceFromEvents(String accountId) {
        long balance = 0;
        for (DomainEventMessage<?> event : eventsOf(StreamIds.account(accountId))) {
            if (event.getPayload() instanceof AccountCreditedEvent credited) {
                balance += credited.amountMinor();
            } else if (event.getPayload() instanceof AccountDebitedEvent debited) {
                balance -= debited.amountMinor();
            }
        }
        return balance;
    }

}
