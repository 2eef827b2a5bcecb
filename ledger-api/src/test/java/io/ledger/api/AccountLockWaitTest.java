package io.ledger.api;

import io.ledger.api.command.LedgerCommands;
import io.ledger.command.account.Account;
import io.ledger.core.StreamIds;
import io.ledger.core.account.OpenAccountCommand;
import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;
import io.ledger.core.transfer.BatchItemResult;
import io.ledger.core.transfer.ExecuteBatchCommand;
import io.ledger.core.transfer.TransferFundsCommand;
import io.ledger.core.transfer.TransferReceipt;
import io.ledger.core.CommandOutcome;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.Repository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A command waits for a busy account at most {@code ledger.account-lock-wait}, then is answered CONTENTION with
 * nothing written, so that a request queued behind long batches is answered before its client gives up. Axon's
 * own lock waits a minute, and the command was then tried again up to {@code ledger.command-attempts} times.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "spring.datasource.url=jdbc:h2:mem:ledger-account-lock-wait;DB_CLOSE_DELAY=-1",
        "ledger.account-lock-wait=300ms"})
class AccountLockWaitTest {

    @Autowired
    LedgerCommands commands;
    @Autowired
    Repository<Account> accounts;
    @Autowired
    EventStorageEngine storage;

    @Test
    void aCommandThatCannotGetItsAccountInTimeIsAnsweredContentionAndLeavesNoTrace() throws Exception {
        commands.send(new OpenAccountCommand("bank", "EUR", "Bank", 0, true));
        commands.send(new OpenAccountCommand("payer", "EUR", "Payer", 0, false));
        commands.send(new OpenAccountCommand("payee", "EUR", "Payee", 0, false));
        commands.send(new TransferFundsCommand("funding", "bank", "payer", 1_000_000, "EUR", Map.of()));
        TransferFundsCommand single = new TransferFundsCommand("while-busy", "payer", "payee", 100, "EUR", Map.of());
        ExecuteBatchCommand batch = new ExecuteBatchCommand(List.of(new TransferFundsCommand("batched-while-busy",
                "payee", "payer", 1, "EUR", Map.of())), true);

        ExecutorService threads = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch locked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<?> holder = threads.submit(() -> AccountLockHolder.hold(accounts, "payer", locked, release));
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

            long started = System.nanoTime();
            LedgerException refusedSingle = catchThrowableOfType(() -> commands.send(single), LedgerException.class);
            LedgerException refusedBatch = catchThrowableOfType(() -> commands.sendBatch(batch),
                    LedgerException.class);
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertThat(refusedSingle.code()).isEqualTo(LedgerErrorCode.CONTENTION);
            assertThat(refusedBatch.code()).isEqualTo(LedgerErrorCode.CONTENTION);
            assertThat(waited).as("two waits of 300 ms, not retried").isLessThan(Duration.ofSeconds(5));
            assertThat(storage.readEvents(StreamIds.transfer("while-busy")).asStream()).isEmpty();
            assertThat(storage.readEvents(StreamIds.transfer("batched-while-busy")).asStream()).isEmpty();

            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        CommandOutcome<TransferReceipt> retried = commands.send(single);
        assertThat(retried.repeated()).as("the refused attempt wrote nothing to repeat").isFalse();
        assertThat(commands.sendBatch(batch).items()).extracting(BatchItemResult::status)
                .containsExactly(BatchItemResult.Status.CREATED);
    }
}
