package io.ledger.api;

import io.ledger.api.HttpClientSupport.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The meters of docs/performance.md ("Metrics") as a Prometheus scraper sees them: commands counted by type and
 * outcome, their latency, the event store's appends, batch sizes, the views' lag and the account cache, served at
 * {@code /actuator/prometheus} to operators only. The context is this test's own, so every count starts at zero.
 * Spring Boot's tests leave metrics export off unless asked; {@link AutoConfigureObservability} turns the Prometheus
 * registry on as in production.
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:ledger-metrics;DB_CLOSE_DELAY=-1")
class MetricsHttpTest {

    private static final String TRANSFER = "TransferFundsCommand";

    @LocalServerPort
    int port;

    HttpClientSupport http;

    @BeforeEach
    void setUp() {
        http = new HttpClientSupport("http://localhost:" + port);
    }

    @Test
    void aScrapeCountsCommandsByTypeAndOutcomeAndShowsLatencyAppendsBatchesLagAndTheCache() {
        openAccount("mx-bank", ",\"unlimitedOverdraft\":true");
        openAccount("mx-alice", "");
        String fund = "{\"id\":\"mx-fund\",\"debitAccountId\":\"mx-bank\",\"creditAccountId\":\"mx-alice\","
                + "\"amount\":\"10.00\",\"currency\":\"EUR\"}";
        assertThat(http.post("/api/v1/transfers", fund).status()).isEqualTo(201);
        Answer repeat = http.post("/api/v1/transfers", fund);
        assertThat(repeat.status()).as(repeat.body()).isEqualTo(200);
        Answer refused = http.post("/api/v1/transfers", "{\"id\":\"mx-too-much\",\"debitAccountId\":\"mx-alice\","
                + "\"creditAccountId\":\"mx-bank\",\"amount\":\"500.00\",\"currency\":\"EUR\"}");
        assertThat(refused.code()).as(refused.body()).isEqualTo("INSUFFICIENT_FUNDS");
        Answer batch = http.post("/api/v1/transfers/batch", "{\"atomic\":false,\"items\":["
                + "{\"type\":\"transfer\",\"id\":\"mx-b1\",\"debitAccountId\":\"mx-bank\",\"creditAccountId\":"
                + "\"mx-alice\",\"amount\":\"1.00\",\"currency\":\"EUR\"},"
                + "{\"type\":\"transfer\",\"id\":\"mx-b2\",\"debitAccountId\":\"mx-alice\",\"creditAccountId\":"
                + "\"mx-bank\",\"amount\":\"999.00\",\"currency\":\"EUR\"}]}");
        assertThat(batch.status()).as(batch.body()).isEqualTo(200);

        Scrape scrape = scrape();

        assertThat(scrape.value("ledger_commands_total", "type", "OpenAccountCommand", "outcome", "created"))
                .isEqualTo(2.0);
        assertThat(scrape.value("ledger_commands_total", "type", TRANSFER, "outcome", "created")).isEqualTo(1.0);
        assertThat(scrape.value("ledger_commands_total", "type", TRANSFER, "outcome", "repeated")).isEqualTo(1.0);
        assertThat(scrape.value("ledger_commands_total", "type", TRANSFER, "outcome", "refused",
                "code", "INSUFFICIENT_FUNDS")).isEqualTo(1.0);
        assertThat(scrape.value("ledger_commands_total", "type", TRANSFER, "outcome", "failed")).isZero();
        assertThat(scrape.value("ledger_commands_total", "type", "ExecuteBatchCommand", "outcome", "completed"))
                .isEqualTo(1.0);
        assertThat(scrape.value("ledger_command_conflicts_total", "type", TRANSFER)).isZero();

        assertThat(scrape.value("ledger_command_latency_seconds_count", "type", TRANSFER, "outcome", "created"))
                .isEqualTo(1.0);
        assertThat(scrape.value("ledger_command_latency_seconds_sum", "type", TRANSFER, "outcome", "created"))
                .isPositive();
        assertThat(scrape.value("ledger_command_latency_seconds_bucket", "type", TRANSFER, "outcome", "created",
                "le", "+Inf")).isEqualTo(1.0);

        assertThat(scrape.value("ledger_batch_size_items_count", "atomic", "false")).isEqualTo(1.0);
        assertThat(scrape.value("ledger_batch_size_items_sum", "atomic", "false")).isEqualTo(2.0);
        assertThat(scrape.value("ledger_batch_items_total", "outcome", "created")).isEqualTo(1.0);
        assertThat(scrape.value("ledger_batch_items_total", "outcome", "refused")).isEqualTo(1.0);

        // Two accounts opened, one transfer, one batch item, and the refusals recorded as events of their own.
        assertThat(scrape.value("ledger_eventstore_append_seconds_count")).isGreaterThanOrEqualTo(5.0);
        assertThat(scrape.value("ledger_eventstore_append_seconds_sum")).isPositive();
        assertThat(scrape.value("ledger_eventstore_append_events_sum"))
                .isGreaterThan(scrape.value("ledger_eventstore_append_events_count"));

        // Each new account was first looked for and missed; the repeat and the refusal then found both accounts in
        // the cache.
        assertThat(scrape.value("cache_gets_total", "cache", "accounts", "result", "miss")).isGreaterThanOrEqualTo(2.0);
        assertThat(scrape.value("cache_gets_total", "cache", "accounts", "result", "hit")).isGreaterThanOrEqualTo(2.0);
        assertThat(scrape.value("cache_evictions_total", "cache", "accounts")).isZero();
        assertThat(scrape.value("cache_size", "cache", "accounts")).isEqualTo(2.0);

        // Axon's own monitors, split by payload type: to the command bus a repeat is a success like the first call,
        // and a refusal a failure like a crash; the ledger's counters above tell them apart.
        assertThat(scrape.value("commandBus_successCounter_total", "payloadType", TRANSFER)).isEqualTo(2.0);
        assertThat(scrape.value("commandBus_failureCounter_total", "payloadType", TRANSFER)).isEqualTo(1.0);
        assertThat(scrape.value("commandBus_allTimer_seconds_count", "payloadType", TRANSFER)).isEqualTo(3.0);
        assertThat(scrape.samples("eventStore_ingestedCounter_total")).isNotEmpty();
        // Their meters come from the ledger's MessageMeters; axon-micrometer's would add client-side quantiles.
        assertThat(scrape.samples("commandBus_allTimer_seconds", "payloadType", TRANSFER, "quantile", "0.5"))
                .isEmpty();
        assertThat(scrape.samples("eventProcessor_latency", "processorName", "balances")).isNotEmpty();

        assertThat(scrape.value("ledger_reconciliation_skipped_events")).isZero();
        assertThat(scrape.samples("http_server_requests_seconds_count", "uri", "/api/v1/transfers")).isNotEmpty();
        assertThat(scrape.samples("spring_security_filterchains_seconds_count")).isEmpty();
        // The pool's meters are found through the lazy-connection proxy that wraps it (LazyConnectionConfig).
        assertThat(scrape.samples("hikaricp_connections_pending")).isNotEmpty();
        assertThat(scrape.value("hikaricp_connections_max")).isEqualTo(20.0);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Scrape caughtUp = scrape();
            double head = caughtUp.value("ledger_eventstore_head");
            assertThat(head).isPositive();
            for (String view : List.of("balances", "compliance")) {
                assertThat(caughtUp.value("ledger_projection_lag_events", "view", view)).as(view).isZero();
                assertThat(caughtUp.value("ledger_projection_position", "view", view)).as(view).isEqualTo(head);
                assertThat(caughtUp.value("ledger_projection_running", "view", view)).as(view).isEqualTo(1.0);
            }
        });
    }

    @Test
    void metricsAreForOperatorsOnly() {
        assertThat(http.anonymous().get("/actuator/prometheus").status()).isEqualTo(401);
        for (String role : TestCredentials.ROLES) {
            int status = http.withKey(TestCredentials.keyWithOnly(role)).get("/actuator/prometheus").status();
            assertThat(status).as(role).isEqualTo(role.equals("operator") ? 200 : 403);
        }
        assertThat(http.withKey(TestCredentials.keyWithOnly("auditor")).get("/actuator/metrics").status())
                .isEqualTo(403);
        Answer names = http.withKey(TestCredentials.keyWithOnly("operator")).get("/actuator/metrics");
        assertThat(names.status()).isEqualTo(200);
        assertThat(names.json().path("names").toString()).contains("\"ledger.eventstore.append\"")
                .contains("\"ledger.projection.lag.events\"").contains("\"cache.gets\"");
    }

    private void openAccount(String id, String extra) {
        Answer answer = http.post("/api/v1/accounts",
                "{\"id\":\"" + id + "\",\"currency\":\"EUR\",\"name\":\"" + id + "\"" + extra + "}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    private Scrape scrape() {
        Answer answer = http.withKey(TestCredentials.keyWithOnly("operator")).get("/actuator/prometheus");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("text/plain");
        return Scrape.parse(answer.body());
    }

    /** One sample of the Prometheus text format: its name, labels and value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    /** The samples of one scrape. Label values here never hold quotes, commas or braces, so a plain split does. */
    record Scrape(List<Sample> all, String text) {

        static Scrape parse(String text) {
            List<Sample> samples = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int brace = line.indexOf('{');
                int space = line.lastIndexOf(' ');
                String name = brace >= 0 ? line.substring(0, brace) : line.substring(0, space);
                Map<String, String> labels = new LinkedHashMap<>();
                if (brace >= 0) {
                    for (String label : line.substring(brace + 1, line.lastIndexOf('}')).split(",")) {
                        if (!label.isBlank()) {
                            int equals = label.indexOf('=');
                            labels.put(label.substring(0, equals).trim(),
                                    label.substring(equals + 2, label.length() - 1));
                        }
                    }
                }
                samples.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1))));
            }
            return new Scrape(samples, text);
        }

        /** The samples of {@code name} whose labels include the given name/value pairs. */
        List<Sample> samples(String name, String... labels) {
            return all.stream().filter(sample -> sample.name().equals(name)).filter(sample -> {
                for (int i = 0; i < labels.length; i += 2) {
                    if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
                        return false;
                    }
                }
                return true;
            }).toList();
        }

        /** The value of the one sample of {@code name} with these labels; fails if there is none or several. */
        double value(String name, String... labels) {
            List<Sample> found = samples(name, labels);
            assertThat(found).as(name + " " + List.of(labels) + " in\n" + excerpt(name)).hasSize(1);
            return found.get(0).value();
        }

        private String excerpt(String name) {
            return String.join("\n", text.lines().filter(line -> line.contains(name.replaceAll("_(total|count|sum|"
                    + "bucket)$", ""))).limit(40).toList());
        }
    }
}
