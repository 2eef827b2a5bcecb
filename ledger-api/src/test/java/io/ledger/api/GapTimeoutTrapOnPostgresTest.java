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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gap-timeout trap of Axon on PostgreSQL, reproduced with a short gap timeout (4 s). A transfer's insert is
 * held up on a lock while later events commit and the views' processors give up on its positions; then it goes
 * on and commits.
 *
 * <ul>
 *   <li>Without the bound on write transactions the transfer is acknowledged (201) and yet never reaches the
 *   views: the trap. The reconciliation check reports its events as skipped.</li>
 *   <li>With the bound (here 0.5 s, well below the gap timeout) PostgreSQL cuts the held transaction off: the
 *   client is told 503 {@code TRANSACTION_TIMEOUT}, nothing was written, nothing is skipped, and the same request
 *   sent again succeeds.</li>
 * </ul>
 *
 * The hold-up is a second transaction that inserted the transfer's first event row (same stream, sequence 0)
 * without committing: PostgreSQL numbers the service's insert, then makes it wait on the unique key.
 */
class GapTimeoutTrapOnPostgresTest {

    private static final Duration GAP_TIMEOUT = Duration.ofSeconds(4);

    private final List<ConfigurableApplicationContext> services = new ArrayList<>();
    private StreamBlocker blocker;

    @AfterEach
    void stop() throws SQLException {
        if (blocker != null) {
            blocker.close();
        }
        services.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void withoutTheBoundALateCommitIsAcknowledgedButSkippedByTheViewsAndReconciliationReportsIt() throws Exception {
        String url = EmbeddedPostgresSupport.freshDatabaseUrl();
        HttpClientSupport http = start(url, "--ledger.store.statement-timeout=0",
                "--ledger.store.idle-in-transaction-timeout=0", "--ledger.store.append-deadline=1h");
        fundAlice(http);

        blocker = new StreamBlocker(url, "transfer:trap-1");
        CompletableFuture<Answer> transfer = CompletableFuture.supplyAsync(() -> http.post("/api/v1/transfers",
                transfer("trap-1")));
        blocker.awaitWriterWaiting();
        letTheViewsGiveUpOnTheOpenPositions(http, "u");
        blocker.release();

        Answer acknowledged = transfer.get(30, TimeUnit.SECONDS);
        assertThat(acknowledged.status()).as(acknowledged.body()).isEqualTo(201);
        assertThat(eventsOf(url, "transfer:trap-1")).isEqualTo(1);
        viewsCaughtUpWith(http, "u-after");
        assertThat(http.get("/api/v1/transfers/trap-1").status()).isEqualTo(404);
        assertThat(http.get("/api/v1/accounts/bob").json().path("balance").path("posted").asText())
                .isEqualTo("0.00");

        Answer reconciliation = http.get("/api/v1/admin/reconciliation");
        assertThat(reconciliation.status()).as(reconciliation.body()).isEqualTo(500);
        assertThat(reconciliation.code()).isEqualTo("RECONCILIATION_FAILED");
        // The transfer's own event, the one the views read both legs from, was inserted first and held up; the
        // account legs were inserted after the wait, at new positions, and are not what the views count.
        assertThat(reconciliation.json().path("skippedEvents")).hasSize(2).allSatisfy(skipped -> {
            assertThat(skipped.path("streamId").asText()).isEqualTo("transfer:trap-1");
            assertThat(skipped.path("payloadType").asText()).endsWith("TransferPostedEvent");
        });
        assertThat(reconciliation.json().path("skippedEvents").findValuesAsText("view"))
                .containsExactly("balances", "compliance");

        // The repair for the balance view: a rebuild replays every event, the skipped one too.
        assertThat(http.post("/api/v1/admin/projections/balances/rebuild", "").status()).isEqualTo(200);
        assertThat(http.get("/api/v1/transfers/trap-1").status()).isEqualTo(200);
        assertThat(http.get("/api/v1/accounts/bob").json().path("balance").path("posted").asText())
                .isEqualTo("10.00");
        assertThat(http.get("/api/v1/admin/reconciliation").json().path("skippedEvents").findValuesAsText("view"))
                .containsExactly("compliance");
    }

    @Test
    void withTheBoundTheHeldTransactionIsCutOffTheClientIsToldAndNothingIsSkipped() throws Exception {
        String url = EmbeddedPostgresSupport.freshDatabaseUrl();
        HttpClientSupport http = start(url, "--ledger.store.statement-timeout=500ms",
                "--ledger.store.idle-in-transaction-timeout=500ms", "--ledger.store.append-deadline=500ms");
        fundAlice(http);

        blocker = new StreamBlocker(url, "transfer:trap-2");
        Answer refused = http.post("/api/v1/transfers", transfer("trap-2"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.code()).isEqualTo("TRANSACTION_TIMEOUT");
        assertThat(refused.raw().headers().firstValue("Retry-After")).isPresent();

        letTheViewsGiveUpOnTheOpenPositions(http, "g");
        blocker.release();
        viewsCaughtUpWith(http, "g-after");

        assertThat(eventsOf(url, "transfer:trap-2")).isZero();
        Answer reconciliation = http.get("/api/v1/admin/reconciliation");
        assertThat(reconciliation.status()).as(reconciliation.body()).isEqualTo(200);
        assertThat(reconciliation.json().path("views").findValuesAsText("droppedPositions"))
                .allMatch(count -> Long.parseLong(count) >= 1);

        Answer retried = http.post("/api/v1/transfers", transfer("trap-2"));
        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        assertThat(http.get("/api/v1/accounts/bob").json().path("balance").path("posted").asText())
                .isEqualTo("10.00");
        http.assertBooksBalance();
    }

    private HttpClientSupport start(String url, String... settings) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--spring.jmx.enabled=false", "--ledger.read-your-writes-timeout=1s",
                "--ledger.store.gap-timeout=" + GAP_TIMEOUT.toMillis() + "ms",
                // Cleaning by time starts above this many gaps; the held-up transfer and its blocker leave two.
                "--ledger.store.gap-cleaning-threshold=1", "--ledger.store.reconciliation-interval=1h"));
        arguments.addAll(List.of(settings));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(LedgerApplication.class)
                .run(arguments.toArray(String[]::new));
        services.add(context);
        return new HttpClientSupport("http://localhost:"
                + ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    private static void fundAlice(HttpClientSupport http) {
        created(http.post("/api/v1/accounts",
                "{\"id\":\"bank\",\"currency\":\"EUR\",\"name\":\"Bank\",\"unlimitedOverdraft\":true}"));
        created(http.post("/api/v1/accounts", "{\"id\":\"alice\",\"currency\":\"EUR\",\"name\":\"Alice\"}"));
        created(http.post("/api/v1/accounts", "{\"id\":\"bob\",\"currency\":\"EUR\",\"name\":\"Bob\"}"));
        created(http.post("/api/v1/transfers", "{\"id\":\"fund\",\"debitAccountId\":\"bank\","
                + "\"creditAccountId\":\"alice\",\"amount\":\"100.00\",\"currency\":\"EUR\"}"));
    }

    /**
     * Commits later events, waits out the gap timeout, and commits one more so that the processors fetch again,
     * clean their tokens and pass the open positions; waits until both views have recorded doing so.
     */
    private static void letTheViewsGiveUpOnTheOpenPositions(HttpClientSupport http, String prefix)
            throws InterruptedException {
        created(http.post("/api/v1/accounts", "{\"id\":\"" + prefix + "-1\",\"currency\":\"EUR\",\"name\":\"X\"}"));
        Thread.sleep(GAP_TIMEOUT.plusMillis(500).toMillis());
        created(http.post("/api/v1/accounts", "{\"id\":\"" + prefix + "-2\",\"currency\":\"EUR\",\"name\":\"X\"}"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(http.get("/api/v1/admin/reconciliation").json().path("views")
                        .findValuesAsText("droppedPositions"))
                        .hasSize(2).allMatch(count -> Long.parseLong(count) >= 2));
    }

    /** A new account answered 201 is visible, so the views have passed every position before it. */
    private static void viewsCaughtUpWith(HttpClientSupport http, String account) {
        created(http.post("/api/v1/accounts", "{\"id\":\"" + account + "\",\"currency\":\"EUR\",\"name\":\"X\"}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/v1/accounts/" + account).status() == 200);
    }

    private static long eventsOf(String url, String stream) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement count = connection.prepareStatement(
                     "SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?")) {
            count.setString(1, stream);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static String transfer(String id) {
        return "{\"id\":\"" + id + "\",\"debitAccountId\":\"alice\",\"creditAccountId\":\"bob\","
                + "\"amount\":\"10.00\",\"currency\":\"EUR\"}";
    }

    private static void created(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }
}
