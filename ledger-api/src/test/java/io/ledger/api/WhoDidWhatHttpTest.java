package io.ledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledger.api.HttpClientSupport.Answer;
import io.ledger.core.refusal.CommandRefusedEvent;
import io.ledger.core.transfer.HoldExpiredEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who did what: every event names the principal that caused it (API key id, token subject, or the ledger's own
 * job), the correlation id and the request id, and malformed ids are refused before anything happens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:ledger-who-did-what;DB_CLOSE_DELAY=-1")
class WhoDidWhatHttpTest {

    @LocalServerPort
    int port;
    @Autowired
    EventStorageEngine storage;
    @Autowired
    MeterRegistry meters;

    HttpClientSupport http;
    HttpClientSupport writer;
    String run;

    @DynamicPropertySource
    static void trustTheTestIssuer(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
    }

    @BeforeEach
    void openAccounts() {
        http = new HttpClientSupport("http://localhost:" + port);
        writer = http.withKey(TestCredentials.keyWithOnly("ledger-writer"));
        run = UUID.randomUUID().toString().substring(0, 8);
        assertThat(http.post("/api/v1/accounts", "{\"id\":\"bank-" + run + "\",\"currency\":\"EUR\",\"name\":\"B\","
                + "\"unlimitedOverdraft\":true}").status()).isEqualTo(201);
        assertThat(http.post("/api/v1/accounts", "{\"id\":\"alice-" + run + "\",\"currency\":\"EUR\",\"name\":\"A\"}")
                .status()).isEqualTo(201);
    }

    @AfterEach
    void everyEventInTheStoreNamesItsPrincipalAndIds() {
        assertThat(allEvents()).allSatisfy(event -> assertThat(event.getMetaData())
                .as(event.getPayloadType().getSimpleName())
                .containsKeys("principal", "correlationId", "requestId")
                .allSatisfy((key, value) -> assertThat(value).asString().isNotBlank()));
    }

    @Test
    void eventsOfATransferNameTheKeyAndTheClientsRequestAndCorrelationIds() {
        Answer answer = writer.send(transfer("t-" + run, "100.00")
                .header("X-Request-Id", "req-" + run).header("X-Correlation-Id", "order-" + run));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.raw().headers().firstValue("X-Request-Id")).hasValue("req-" + run);
        assertThat(answer.raw().headers().firstValue("X-Correlation-Id")).hasValue("order-" + run);
        List<TrackedEventMessage<?>> caused = eventsOfRequest("req-" + run);
        assertThat(caused).hasSizeGreaterThanOrEqualTo(3).allSatisfy(event -> {
            assertThat(event.getMetaData().get("principal")).isEqualTo("test-ledger-writer");
            assertThat(event.getMetaData().get("correlationId")).isEqualTo("order-" + run);
        });
    }

    /**
     * Concurrent single transfers are written in groups, one transaction for many requests (group commit); each
     * event still names the request and the principal of its own transfer, not those of another group member.
     */
    @Test
    void transfersWrittenTogetherInOneGroupKeepTheirOwnOrigins() throws Exception {
        int clients = 16;
        int transfersEach = 10;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                HttpClientSupport sender = client % 2 == 0 ? writer : http;
                for (int index = 0; index < transfersEach; index++) {
                    String id = "g" + client + "-" + index + "-" + run;
                    statuses.add(pool.submit(() -> sender.send(transfer(id, "1.00")
                            .header("X-Request-Id", "req-" + id).header("X-Correlation-Id", "corr-" + id)).status()));
                }
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get(60, TimeUnit.SECONDS)).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(meters.get("ledger.transfer.group.size").summary().max())
                .as("most transfers one group writer took at once").isGreaterThan(1);
        for (int client = 0; client < clients; client++) {
            String principal = client % 2 == 0 ? "test-ledger-writer" : TestCredentials.ALL_ROLES_KEY_ID;
            for (int index = 0; index < transfersEach; index++) {
                String id = "g" + client + "-" + index + "-" + run;
                assertThat(eventsOfRequest("req-" + id)).as(id).hasSize(3).allSatisfy(event -> {
                    assertThat(event.getMetaData().get("principal")).isEqualTo(principal);
                    assertThat(event.getMetaData().get("correlationId")).isEqualTo("corr-" + id);
                });
            }
        }
    }

    @Test
    void transferDetailsAndStatementEntriesShowWhoCausedThem() {
        writer.send(transfer("t-" + run, "5.00").header("X-Request-Id", "show-" + run)
                .header("X-Correlation-Id", "order-" + run));

        JsonNode transfer = http.get("/api/v1/transfers/t-" + run).json().path("recordedBy");
        assertThat(transfer.path("principal").asText()).isEqualTo("test-ledger-writer");
        assertThat(transfer.path("requestId").asText()).isEqualTo("show-" + run);
        assertThat(transfer.path("correlationId").asText()).isEqualTo("order-" + run);
        JsonNode entries = http.get("/api/v1/accounts/alice-" + run + "/entries").json().path("entries");
        assertThat(entries.get(0).path("recordedBy").path("principal").asText())
                .isEqualTo(TestCredentials.ALL_ROLES_KEY_ID);
        JsonNode credit = entries.get(entries.size() - 1);
        assertThat(credit.path("transferId").asText()).isEqualTo("t-" + run);
        assertThat(credit.path("recordedBy").path("principal").asText()).isEqualTo("test-ledger-writer");
        assertThat(credit.path("recordedBy").path("requestId").asText()).isEqualTo("show-" + run);
    }

    @Test
    void withoutClientIdsTheServerGeneratesARequestIdThatAlsoServesAsCorrelationId() {
        Answer answer = writer.send(transfer("t-" + run, "1.00"));

        String requestId = answer.raw().headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(UUID.fromString(requestId)).isNotNull();
        assertThat(answer.raw().headers().firstValue("X-Correlation-Id")).hasValue(requestId);
        assertThat(eventsOfRequest(requestId)).isNotEmpty().allSatisfy(event ->
                assertThat(event.getMetaData().get("correlationId")).isEqualTo(requestId));
    }

    @Test
    void aTokensSubjectIsThePrincipal() {
        HttpClientSupport byToken = http.withKey(TestTokens.valid("carol@example.org", List.of("ledger-writer")));
        Answer answer = byToken.send(transfer("t-" + run, "2.00").header("X-Request-Id", "tok-" + run));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(eventsOfRequest("tok-" + run)).isNotEmpty().allSatisfy(event ->
                assertThat(event.getMetaData().get("principal")).isEqualTo("carol@example.org"));
    }

    @Test
    void malformedRequestOrCorrelationIdsAreRefusedAndChangeNothing() {
        int eventsBefore = allEvents().size();
        for (String[] header : List.of(new String[]{"X-Request-Id", "has spaces"},
                new String[]{"X-Request-Id", "x".repeat(129)}, new String[]{"X-Correlation-Id", "<script>"},
                new String[]{"X-Correlation-Id", "-starts-with-dash"})) {
            Answer answer = writer.send(transfer("bad-" + run, "1.00").header(header[0], header[1]));
            assertThat(answer.status()).as(header[0] + ": " + header[1]).isEqualTo(400);
            assertThat(answer.code()).isEqualTo("INVALID_REQUEST_ID");
            assertThat(answer.body()).doesNotContain(header[1]);
        }
        assertThat(allEvents()).hasSize(eventsBefore);
        assertThat(http.get("/api/v1/transfers/bad-" + run).status()).isEqualTo(404);
    }

    @Test
    void aRecordedRefusalNamesWhoseAttemptItWas() {
        Answer answer = writer.send(transfer("too-much-" + run, "1.00", "alice-" + run, "bank-" + run)
                .header("X-Request-Id", "refused-" + run));

        assertThat(answer.code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(eventsOfRequest("refused-" + run)).singleElement().satisfies(event -> {
            assertThat(event.getPayload()).isInstanceOf(CommandRefusedEvent.class);
            assertThat(event.getMetaData().get("principal")).isEqualTo("test-ledger-writer");
        });
    }

    @Test
    void anExpiredHoldIsAttributedToTheExpiryJob() {
        String hold = "hold-" + run;
        assertThat(writer.post("/api/v1/transfers", "{\"id\":\"" + hold + "\",\"debitAccountId\":\"bank-" + run
                + "\",\"creditAccountId\":\"alice-" + run + "\",\"amount\":\"3.00\",\"currency\":\"EUR\","
                + "\"pending\":true,\"timeoutSeconds\":1}").status()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(allEvents().stream()
                .filter(event -> event.getPayload() instanceof HoldExpiredEvent expired
                        && expired.transferId().equals(hold)))
                .singleElement().satisfies(event ->
                        assertThat(event.getMetaData().get("principal")).isEqualTo("system:hold-expiry")));
    }

    private HttpRequest.Builder transfer(String id, String amount) {
        return transfer(id, amount, "bank-" + run, "alice-" + run);
    }

    private HttpRequest.Builder transfer(String id, String amount, String debit, String credit) {
        return HttpRequest.newBuilder(http.uri("/api/v1/transfers")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + id + "\",\"debitAccountId\":\"" + debit
                        + "\",\"creditAccountId\":\"" + credit + "\",\"amount\":\"" + amount
                        + "\",\"currency\":\"EUR\"}"));
    }

    private List<TrackedEventMessage<?>> eventsOfRequest(String requestId) {
        return allEvents().stream().filter(event -> requestId.equals(event.getMetaData().get("requestId")))
                .collect(Collectors.toList());
    }

    private List<TrackedEventMessage<?>> allEvents() {
        try (var events = storage.readEvents(null, false)) {
            return events.collect(Collectors.toList());
        }
    }
}
