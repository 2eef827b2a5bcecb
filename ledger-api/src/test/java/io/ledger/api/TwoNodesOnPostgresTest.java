package io.ledger.api;

import io.ledger.api.HttpClientSupport.Answer;
import io.ledger.query.chain.EventLog;
import io.ledger.query.chain.StoredEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two service nodes, each with its own Spring context and Axon configuration, on one PostgreSQL database:
 * concurrent transfers and duplicates sent to both never overdraw an account or move money twice, and once the
 * views have caught up both nodes answer every read identically; holds that fall due while both nodes sweep
 * expire exactly once.
 */
class TwoNodesOnPostgresTest {

    private static final List<String> ACCOUNTS = List.of("n-a", "n-b", "n-c", "n-d");

    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void twoNodesKeepTheInvariantsAndAnswerAlike() throws Exception {
        String url = EmbeddedPostgresSupport.freshDatabaseUrl();
        HttpClientSupport one = start(url, "node-1");
        HttpClientSupport two = start(url, "node-2");

        created(one.post("/api/v1/accounts", "{\"id\":\"n-bank\",\"currency\":\"EUR\",\"name\":\"Bank\","
                + "\"unlimitedOverdraft\":true}"));
        for (String account : ACCOUNTS) {
            created(two.post("/api/v1/accounts", "{\"id\":\"" + account + "\",\"currency\":\"EUR\",\"name\":\"X\"}"));
            created(one.post("/api/v1/transfers", transfer("fund-" + account, "n-bank", account, "20.00")));
        }

        List<String> unexpected = new CopyOnWriteArrayList<>();
        ConcurrentHashMap<String, Integer> createdById = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            int client = c;
            work.add(clients.submit(() -> {
                Random random = new Random(client);
                for (int n = 0; n < 40; n++) {
                    String debit = ACCOUNTS.get(random.nextInt(ACCOUNTS.size()));
                    String credit = ACCOUNTS.get(random.nextInt(ACCOUNTS.size()));
                    if (debit.equals(credit)) {
                        continue;
                    }
                    // Every transfer is sent twice, once to each node, as a client retrying through a load
                    // balancer would: exactly one of the two may create it.
                    String id = "t-" + client + "-" + n;
                    String body = transfer(id, debit, credit, (1 + random.nextInt(9)) + ".00");
                    for (HttpClientSupport node : n % 2 == 0 ? List.of(one, two) : List.of(two, one)) {
                        Answer answer = node.post("/api/v1/transfers", body);
                        if (answer.status() == 201) {
                            createdById.merge(id, 1, Integer::sum);
                        } else if (answer.status() != 200 && !"INSUFFICIENT_FUNDS".equals(answer.code())) {
                            unexpected.add(answer.status() + " " + answer.body());
                        }
                    }
                }
            }));
        }
        for (Future<?> future : work) {
            future.get(3, TimeUnit.MINUTES);
        }
        clients.shutdownNow();

        assertThat(unexpected).isEmpty();
        assertThat(createdById.values()).allMatch(count -> count == 1);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String account : ACCOUNTS) {
                Answer fromOne = one.get("/api/v1/accounts/" + account);
                Answer fromTwo = two.get("/api/v1/accounts/" + account);
                assertThat(fromOne.json()).isEqualTo(fromTwo.json());
                assertThat(new BigDecimal(fromOne.json().path("balance").path("posted").asText()))
                        .as(account).isGreaterThanOrEqualTo(BigDecimal.ZERO);
            }
            assertThat(one.get("/api/v1/accounts/" + ACCOUNTS.get(0) + "/entries").json())
                    .isEqualTo(two.get("/api/v1/accounts/" + ACCOUNTS.get(0) + "/entries").json());
        });
        one.assertBooksBalance();
        two.assertBooksBalance();
        // Both nodes appended to the same accounts, each remembering the chain hashes it wrote last: an append
        // after the other node's must still chain onto the stored predecessor.
        try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
            List<StoredEvent> events = EventLog.pageAfter(connection, 0, 1_000_000);
            assertThat(events).hasSizeGreaterThan(ACCOUNTS.size() * 3);
            assertThat(ChainedEventLogTest.mismatches(events)).isEmpty();
        }
    }

    @Test
    void holdsFallingDueWhileBothNodesSweepExpireExactlyOnce() throws Exception {
        String url = EmbeddedPostgresSupport.freshDatabaseUrl();
        HttpClientSupport one = start(url, "node-1", "--ledger.hold-expiry-interval=200ms");
        HttpClientSupport two = start(url, "node-2", "--ledger.hold-expiry-interval=200ms");
        created(one.post("/api/v1/accounts", "{\"id\":\"h-bank\",\"currency\":\"EUR\",\"name\":\"Bank\","
                + "\"unlimitedOverdraft\":true}"));
        created(two.post("/api/v1/accounts", "{\"id\":\"h-shop\",\"currency\":\"EUR\",\"name\":\"Shop\"}"));

        List<String> holds = new ArrayList<>();
        for (int n = 0; n < 12; n++) {
            String id = "hold-" + n;
            holds.add(id);
            created((n % 2 == 0 ? one : two).post("/api/v1/transfers", "{\"id\":\"" + id + "\",\"debitAccountId\":"
                    + "\"h-bank\",\"creditAccountId\":\"h-shop\",\"amount\":\"1.00\",\"currency\":\"EUR\","
                    + "\"pending\":true,\"timeoutSeconds\":2}"));
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String hold : holds) {
                assertThat(one.get("/api/v1/transfers/" + hold).json().path("status").asText()).isEqualTo("EXPIRED");
                assertThat(two.get("/api/v1/transfers/" + hold).json().path("status").asText()).isEqualTo("EXPIRED");
            }
        });
        // Both nodes swept every 200 ms; each hold still has exactly one expiry in the event store.
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet expiries = statement.executeQuery("SELECT aggregateIdentifier, COUNT(*) FROM DomainEventEntry "
                     + "WHERE payloadType LIKE '%HoldExpiredEvent' GROUP BY aggregateIdentifier")) {
            Map<String, Long> expiriesByHold = new HashMap<>();
            while (expiries.next()) {
                expiriesByHold.put(expiries.getString(1), expiries.getLong(2));
            }
            assertThat(expiriesByHold).hasSize(holds.size()).allSatisfy((hold, count) -> assertThat(count).isOne());
        }
        assertThat(one.get("/api/v1/accounts/h-shop").json().path("balance").path("pendingCredits").asText())
                .isEqualTo("0.00");
        assertThat(two.get("/api/v1/accounts/h-bank").json().path("balance").path("pendingDebits").asText())
                .isEqualTo("0.00");
        one.assertBooksBalance();
    }

    private HttpClientSupport start(String url, String name, String... settings) {
        // Command-line arguments, which outrank application.yml (builder properties would not).
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--spring.application.name=" + name, "--spring.jmx.enabled=false"));
        arguments.addAll(List.of(settings));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(LedgerApplication.class)
                .run(arguments.toArray(String[]::new));
        nodes.add(context);
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new HttpClientSupport("http://localhost:" + port);
    }

    private static String transfer(String id, String debit, String credit, String amount) {
        return "{\"id\":\"" + id + "\",\"debitAccountId\":\"" + debit + "\",\"creditAccountId\":\"" + credit
                + "\",\"amount\":\"" + amount + "\",\"currency\":\"EUR\"}";
    }

    private static void created(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }
}
