package io.ledger.ops.audit;

import io.ledger.ops.store.StoredEvent;
import io.ledger.query.balance.JdbcBalanceStore;
import io.ledger.query.compliance.JdbcComplianceStore;
import io.ledger.query.statement.JdbcStatementStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code audit verify} on a store whose live views were written by the service's projections through the read
 * side's JDBC stores (the classes the service runs), with processor tokens as Axon stores them.
 */
class VerifyTest {

    @TempDir
    Path dir;
    private String url;
    private SingleConnectionDataSource dataSource;
    private JdbcTemplate jdbc;
    private List<StoredEvent> events;

    @BeforeEach
    void aStoreAndItsLiveViews() throws Exception {
        url = TestStores.h2(dir);
        TestStores.fill(url, "sa", "", 11, 6, 1_500);
        events = TestStores.read(url, "sa", "");
        // One connection for the whole test keeps the H2 database open between statements.
        dataSource = new SingleConnectionDataSource(url, "sa", "", true);
        jdbc = new JdbcTemplate(dataSource);
    }

    @AfterEach
    void closeTheConnection() {
        dataSource.destroy();
    }

    @Test
    void aHealthyStorePasses() {
        projectLiveViews(events.size());

        AuditRun run = verify();

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("No discrepancies", "on all " + events.size() + " events");
    }

    @Test
    void aViewThatHasNotCaughtUpIsComparedAtItsOwnPosition() {
        projectLiveViews(events.size() / 2);

        AuditRun run = verify();

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("balance view at position " + events.get(events.size() / 2 - 1).globalIndex());
    }

    @Test
    void aBalanceAlteredBySqlIsNamedWithBothValues() {
        projectLiveViews(events.size());
        String account = SyntheticLedger.customer("EUR", 1);
        long posted = jdbc.queryForObject("SELECT posted_minor FROM account_balance WHERE account_id = ?",
                Long.class, account);
        jdbc.update("UPDATE account_balance SET posted_minor = posted_minor + 1 WHERE account_id = ?", account);

        AuditRun run = verify();

        assertThat(run.exitCode()).isEqualTo(VerifyCommand.DISCREPANCIES);
        assertThat(run.out()).contains("account_balance: 1 discrepancy",
                account + ": postedMinor live " + (posted + 1) + ", replay " + posted);
    }

    @Test
    void aDeletedStatementEntryAndAnAlteredAlertAreNamed() {
        projectLiveViews(events.size());
        String account = SyntheticLedger.customer("USD", 2);
        jdbc.update("DELETE FROM statement_entry WHERE account_id = ? AND entry_seq = 1", account);
        String alertId = jdbc.queryForObject("SELECT MIN(alert_id) FROM compliance_alert", String.class);
        jdbc.update("UPDATE compliance_alert SET status = 'REVIEWED' WHERE alert_id = ?", alertId);

        AuditRun run = verify();

        assertThat(run.exitCode()).isEqualTo(VerifyCommand.DISCREPANCIES);
        assertThat(run.out()).contains("statement_entry: 1 discrepancy", account + " #1: missing from the live view",
                alertId + ": status live REVIEWED, replay OPEN");
    }

    @Test
    void anEventRemovedFromTheStoreBreaksTheSequenceAndTheLegsOfItsTransfer() {
        projectLiveViews(events.size());
        StoredEvent debitLeg = events.stream()
                .filter(e -> e.payload() instanceof io.ledger.core.account.AccountDebitedEvent)
                .skip(20).findFirst().orElseThrow();
        jdbc.update("DELETE FROM DomainEventEntry WHERE globalIndex = ?", debitLeg.globalIndex());

        AuditRun run = verify();

        assertThat(run.exitCode()).isEqualTo(VerifyCommand.DISCREPANCIES);
        String transferId = ((io.ledger.core.account.AccountDebitedEvent) debitLeg.payload()).transferId();
        assertThat(run.out()).contains("sequence numbers: 1 discrepancy", "stream " + debitLeg.aggregateId(),
                "transfer legs: 1 discrepancy", transferId);
    }

    private AuditRun verify() {
        return AuditRun.of(url, "audit", "verify", "--quiet");
    }

    /** The live views as the service's processors leave them after applying the first {@code count} events. */
    private void projectLiveViews(int count) {
        new ReferenceViews(new JdbcBalanceStore(jdbc), new JdbcStatementStore(jdbc), new JdbcComplianceStore(jdbc))
                .feed(events.subList(0, count));
        long position = events.get(count - 1).globalIndex();
        for (String processor : List.of("balances", "compliance")) {
            jdbc.update("INSERT INTO TokenEntry (processorName, segment, token, tokenType) VALUES (?, 0, ?, ?)",
                    processor, ("{\"index\":" + position + ",\"gaps\":[]}").getBytes(StandardCharsets.UTF_8),
                    "org.axonframework.eventhandling.GapAwareTrackingToken");
        }
    }
}
