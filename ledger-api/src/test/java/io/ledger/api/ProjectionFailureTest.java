package io.ledger.api;

import io.ledger.api.command.LedgerCommands;
import io.ledger.core.account.AccountView;
import io.ledger.core.account.OpenAccountCommand;
import io.ledger.core.transfer.TransferFundsCommand;
import io.ledger.query.balance.BalanceStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A projection that fails on an event retries that event; it never skips it. Here the view is damaged by hand
 * (an account row deleted), so the next transfer on that account cannot be projected; once the row is back, the
 * same event is applied and the view is right again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"spring.datasource.url=jdbc:h2:mem:ledger-projection-failure;DB_CLOSE_DELAY=-1",
                "ledger.read-your-writes-timeout=0s"})
class ProjectionFailureTest {

    @Autowired
    LedgerCommands commands;
    @Autowired
    BalanceStore balances;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aFailingEventIsRetriedUntilItCanBeProjectedAndIsNeverSkipped() {
        commands.send(new OpenAccountCommand("pf-settlement", "EUR", "Settlement", 0, true));
        commands.send(new OpenAccountCommand("pf-alice", "EUR", "Alice", 0, false));
        await().atMost(Duration.ofSeconds(10)).until(() -> balances.findAccount("pf-alice").isPresent());
        AccountView alice = balances.findAccount("pf-alice").orElseThrow();
        jdbc.update("DELETE FROM account_balance WHERE account_id = 'pf-alice'");

        commands.send(new TransferFundsCommand("pf-fund", "pf-settlement", "pf-alice", 500, "EUR", Map.of()));
        commands.send(new TransferFundsCommand("pf-later", "pf-alice", "pf-settlement", 200, "EUR", Map.of()));

        // The failing event and everything after it wait; nothing is skipped past it.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(balances.findTransfer("pf-fund")).isEmpty();
            assertThat(balances.findTransfer("pf-later")).isEmpty();
        });

        balances.insertAccount(alice);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(balances.findTransfer("pf-later")).isPresent();
            assertThat(balances.findAccount("pf-alice").map(AccountView::postedMinor)).hasValue(300L);
            assertThat(balances.findAccount("pf-settlement").map(AccountView::postedMinor)).hasValue(-300L);
        });
    }
}
