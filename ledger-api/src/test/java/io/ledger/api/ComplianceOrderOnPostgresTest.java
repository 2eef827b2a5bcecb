package io.ledger.api;

import io.ledger.api.HttpClientSupport.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The compliance view numbers its alerts in the order of the events' positions, as a replay of the event store
 * does, also when the transactions commit in another order. A transfer's insert is held up on a lock after it
 * was numbered, a later transfer commits first; both reach the large-transaction threshold. Fed in commit order
 * the view would number the later transfer's alert first, and {@code audit verify} would report every alert
 * number after it (as the bank test once did).
 */
class ComplianceOrderOnPostgresTest {

    private ConfigurableApplicationContext service;
    private StreamBlocker blocker;

    @AfterEach
    void stop() throws SQLException {
        if (blocker != null) {
            blocker.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void alertsFollowThePositionsOfTheirEventsNotTheOrderOfCommits() throws Exception {
        String url = EmbeddedPostgresSupport.freshDatabaseUrl();
        HttpClientSupport http = start(url);
        created(http.post("/api/v1/accounts",
                "{\"id\":\"bank\",\"currency\":\"EUR\",\"name\":\"Bank\",\"unlimitedOverdraft\":true}"));
        created(http.post("/api/v1/accounts", "{\"id\":\"bob\",\"currency\":\"EUR\",\"name\":\"Bob\"}"));
        created(http.post("/api/v1/accounts",
                "{\"id\":\"bank-2\",\"currency\":\"EUR\",\"name\":\"Bank\",\"unlimitedOverdraft\":true}"));
        created(http.post("/api/v1/accounts", "{\"id\":\"carol\",\"currency\":\"EUR\",\"name\":\"Carol\"}"));

        blocker = new StreamBlocker(url, "transfer:first");
        CompletableFuture<Answer> first = CompletableFuture.supplyAsync(() -> http.post("/api/v1/transfers",
                largeTransfer("first", "bank", "bob")));
        blocker.awaitWriterWaiting();
        created(http.post("/api/v1/transfers", largeTransfer("second", "bank-2", "carol")));
        blocker.release();
        created(first.get(30, TimeUnit.SECONDS));

        assertThat(positionOf(url, "transfer:first")).as("the held-up transfer was numbered first")
                .isLessThan(positionOf(url, "transfer:second"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(http.get("/api/v1/compliance/alerts?type=LARGE_TRANSACTION").json().path("alerts")
                        .findValuesAsText("transferId")).hasSize(2));
        assertThat(http.get("/api/v1/compliance/alerts?type=LARGE_TRANSACTION").json().path("alerts")
                .findValuesAsText("transferId")).containsExactly("first", "second");
    }

    private HttpClientSupport start(String url) {
        // The held insert must outlast the later transfer; the view gives up on an open position (the blocker's)
        // after 10 + 5 + 1 + 5 = 21 s.
        service = new SpringApplicationBuilder(LedgerApplication.class).run("--server.port=0",
                "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                "--spring.datasource.password=", "--spring.jmx.enabled=false",
                "--ledger.store.append-deadline=10s", "--ledger.store.statement-timeout=5s",
                "--ledger.store.idle-in-transaction-timeout=1s", "--ledger.compliance.large-threshold=5");
        return new HttpClientSupport("http://localhost:"
                + ((WebServerApplicationContext) service).getWebServer().getPort());
    }

    private static long positionOf(String url, String stream) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement position = connection.prepareStatement(
                     "SELECT globalIndex FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber = 0")) {
            position.setString(1, stream);
            try (ResultSet rows = position.executeQuery()) {
                assertThat(rows.next()).as("an event of " + stream).isTrue();
                return rows.getLong(1);
            }
        }
    }

    /** Between accounts of its own: a transfer touching the held-up one's accounts would wait for it. */
    private static String largeTransfer(String id, String debit, String credit) {
        return "{\"id\":\"" + id + "\",\"debitAccountId\":\"" + debit + "\",\"creditAccountId\":\"" + credit
                + "\",\"amount\":\"10.00\",\"currency\":\"EUR\"}";
    }

    private static void created(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }
}
