package io.ledger.api;

import com.zaxxer.hikari.HikariDataSource;
import io.ledger.api.command.LedgerCommands;
import io.ledger.command.account.Account;
import io.ledger.core.account.OpenAccountCommand;
import io.ledger.core.transfer.BatchItemResult;
import io.ledger.core.transfer.BatchResult;
import io.ledger.core.transfer.ExecuteBatchCommand;
import io.ledger.core.transfer.TransferFundsCommand;
import org.axonframework.modelling.command.Repository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands that wait for an account lock another unit of work holds do not hold a database connection while they
 * wait: a connection is taken at a command's first statement, not when its transaction begins. Before this, more
 * waiting batches than the pool has connections left nothing for anyone else (the views, other requests), and the
 * waiters beyond the pool's size were refused STORE_BUSY once the pool's timeout ran out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "spring.datasource.url=jdbc:h2:mem:ledger-lock-waits;DB_CLOSE_DELAY=-1",
        "spring.datasource.hikari.maximum-pool-size=" + BatchesWaitWithoutConnectionsTest.POOL_SIZE,
        "spring.datasource.hikari.connection-timeout=250"})
class BatchesWaitWithoutConnectionsTest {

    static final int POOL_SIZE = 3;
    private static final int WAITING_BATCHES = 2 * POOL_SIZE;

    @Autowired
    LedgerCommands commands;
    @Autowired
    Repository<Account> accounts;
    @Autowired
    DataSource dataSource;

    @Test
    void batchesWaitingForAnAccountLockHoldNoConnectionAndAllCommitOnceItIsFree() throws Exception {
        commands.send(new OpenAccountCommand("bank", "EUR", "Bank", 0, true));
        commands.send(new OpenAccountCommand("payer", "EUR", "Payer", 0, false));
        commands.send(new OpenAccountCommand("payee", "EUR", "Payee", 0, false));
        commands.send(new TransferFundsCommand("funding", "bank", "payer", 1_000_000, "EUR", Map.of()));

        ExecutorService threads = Executors.newFixedThreadPool(WAITING_BATCHES + 1);
        try {
            CountDownLatch locked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<?> holder = threads.submit(() -> AccountLockHolder.hold(accounts, "payer", locked, release));
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

            List<Future<BatchResult>> batches = new ArrayList<>();
            for (int i = 0; i < WAITING_BATCHES; i++) {
                ExecuteBatchCommand batch = new ExecuteBatchCommand(List.of(new TransferFundsCommand("waiting-" + i,
                        "payer", "payee", 100, "EUR", Map.of())), true);
                batches.add(threads.submit(() -> commands.sendBatch(batch)));
            }
            // Eight pool timeouts: with a connection taken at each transaction's start, the batches beyond the
            // pool's size would have failed by now, and the rest would hold every connection.
            long waitUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < waitUntil) {
                assertThat(batches).noneMatch(Future::isDone);
                assertThat(activeConnections()).isLessThan(POOL_SIZE);
                Thread.sleep(50);
            }

            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
            for (Future<BatchResult> batch : batches) {
                assertThat(batch.get(30, TimeUnit.SECONDS).items())
                        .extracting(BatchItemResult::status)
                        .containsExactly(BatchItemResult.Status.CREATED);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private int activeConnections() throws SQLException {
        return dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean().getActiveConnections();
    }
}
