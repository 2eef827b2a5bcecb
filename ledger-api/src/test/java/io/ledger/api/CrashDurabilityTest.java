package io.ledger.api;

import io.ledger.api.HttpClientSupport.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing acknowledged is lost: the service on its default H2 file store is killed with SIGKILL the instant a
 * transfer is acknowledged, while other transfers are in flight, and every acknowledged transfer is there after a
 * restart, with the books still balanced. Hold expiry, too, survives the process: a hold that falls due while the
 * service is down expires after it restarts, once.
 */
class CrashDurabilityTest {

    private static final int CLIENTS = 4;
    private static final int ACKS_BEFORE_KILL = 60;

    @TempDir
    Path workDir;

    @Test
    void everyTransferAcknowledgedBeforeAKillSurvivesIt() throws Exception {
        Path dataDir = workDir.resolve("data");
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        try (LedgerProcess ledger = LedgerProcess.start(dataDir)) {
            HttpClientSupport http = ledger.http();
            open(http, "settlement", ",\"unlimitedOverdraft\":true");
            open(http, "alice", "");
            open(http, "bob", "");
            sendUntilKilled(ledger, http, acknowledged);
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

        try (LedgerProcess restarted = LedgerProcess.start(dataDir)) {
            HttpClientSupport http = restarted.http();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (String transferId : acknowledged) {
                    assertThat(http.get("/api/v1/transfers/" + transferId).status()).as(transferId).isEqualTo(200);
                }
            });
            BigDecimal total = BigDecimal.ZERO;
            for (String account : List.of("settlement", "alice", "bob")) {
                total = total.add(new BigDecimal(
                        http.get("/api/v1/accounts/" + account).json().path("balance").path("posted").asText()));
            }
            assertThat(total).as("credits and debits still net to zero").isEqualByComparingTo("0");
        }
    }

    @Test
    void aHoldThatFallsDueWhileTheServiceIsDownExpiresExactlyOnceAfterARestart() throws Exception {
        Path dataDir = workDir.resolve("expiry-data");
        try (LedgerProcess ledger = LedgerProcess.start(dataDir)) {
            HttpClientSupport http = ledger.http();
            open(http, "settlement", ",\"unlimitedOverdraft\":true");
            open(http, "alice", "");
            open(http, "bob", "");
            assertThat(http.post("/api/v1/transfers", "{\"id\":\"fund\",\"debitAccountId\":\"settlement\","
                    + "\"creditAccountId\":\"alice\",\"amount\":\"10.00\",\"currency\":\"EUR\"}").status())
                    .isEqualTo(201);
            assertThat(http.post("/api/v1/transfers", "{\"id\":\"hold\",\"debitAccountId\":\"alice\","
                    + "\"creditAccountId\":\"bob\",\"amount\":\"4.00\",\"currency\":\"EUR\","
                    + "\"pending\":true,\"timeoutSeconds\":3}").status()).isEqualTo(201);
            ledger.kill();
        }
        Thread.sleep(4_000);

        for (int restart = 0; restart < 2; restart++) {
            try (LedgerProcess restarted = LedgerProcess.start(dataDir)) {
                HttpClientSupport http = restarted.http();
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        http.get("/api/v1/transfers/hold").json().path("status").asText().equals("EXPIRED"));
                var alice = http.get("/api/v1/accounts/alice").json().path("balance");
                assertThat(alice.path("available").asText()).isEqualTo("10.00");
                assertThat(alice.path("pendingDebits").asText()).isEqualTo("0.00");
                restarted.kill();
            }
        }
        try (Connection store = DriverManager.getConnection("jdbc:h2:file:" + dataDir.toAbsolutePath() + "/ledger",
                "sa", "");
             ResultSet rows = store.createStatement().executeQuery("SELECT COUNT(*) FROM DomainEventEntry "
                     + "WHERE aggregateIdentifier = 'transfer:hold' AND payloadType LIKE '%HoldExpiredEvent'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(1)).as("expired exactly once").isEqualTo(1);
        }
    }

    /**
     * Clients send transfers until {@link #ACKS_BEFORE_KILL} are acknowledged; the client that receives that
     * acknowledgement kills the process at once, before any other work, while the other clients are mid-request.
     */
    private static void sendUntilKilled(LedgerProcess ledger, HttpClientSupport http, List<String> acknowledged)
            throws InterruptedException {
        AtomicInteger acks = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(CLIENTS);
        for (int client = 0; client < CLIENTS; client++) {
            int clientId = client;
            new Thread(() -> {
                try {
                    for (int n = 0; ; n++) {
                        String transferId = "c" + clientId + "-" + n;
                        Answer answer = http.post("/api/v1/transfers", "{\"id\":\"" + transferId
                                + "\",\"debitAccountId\":\"settlement\",\"creditAccountId\":\""
                                + (n % 2 == 0 ? "alice" : "bob") + "\",\"amount\":\"1.01\",\"currency\":\"EUR\"}");
                        if (answer.status() / 100 == 2) {
                            acknowledged.add(transferId);
                            if (acks.incrementAndGet() == ACKS_BEFORE_KILL) {
                                ledger.kill();
                            }
                        }
                    }
                } catch (RuntimeException | InterruptedException connectionLost) {
                    // The process is gone; requests in flight have an unknown outcome and are not counted.
                } finally {
                    done.countDown();
                }
            }).start();
        }
        assertThat(done.await(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
    }

    private static void open(HttpClientSupport http, String id, String extra) {
        Answer answer = http.post("/api/v1/accounts",
                "{\"id\":\"" + id + "\",\"currency\":\"EUR\",\"name\":\"" + id + "\"" + extra + "}");
        assertThat(answer.status()).isEqualTo(201);
    }
}
