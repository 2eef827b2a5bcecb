package io.ledger.api;

import io.ledger.api.HttpClientSupport.Answer;
import io.ledger.core.refusal.CommandRefusedEvent;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpRequest;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP API against the running application on H2: the README walkthrough, every error code, and idempotent
 * repeats. Every refusal is checked to leave the event store exactly as it was.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:ledger-http;DB_CLOSE_DELAY=-1")
class LedgerHttpTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventStorageEngine storage;

    HttpClientSupport http;
    String run;

    @AfterEach
    void theBooksStillBalance() {
        http.assertBooksBalance();
    }

    @BeforeEach
    void setUp() {
        http = new HttpClientSupport("http://localhost:" + port);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    private String id(String name) {
        return name + "-" + run;
    }

    private Answer openAccount(String id, String currency, String extra) {
        return http.post("/api/v1/accounts",
                "{\"id\":\"" + id + "\",\"currency\":\"" + currency + "\",\"name\":\"" + id + "\"" + extra + "}");
    }

    private Answer transfer(String id, String debit, String credit, String amount, String currency) {
        return http.post("/api/v1/transfers", "{\"id\":\"" + id + "\",\"debitAccountId\":\"" + debit
                + "\",\"creditAccountId\":\"" + credit + "\",\"amount\":\"" + amount + "\",\"currency\":\""
                + currency + "\"}");
    }

    /**
     * Events on account and transfer streams: what a refusal must never change. (Business refusals are recorded,
     * but in refusal streams of their own.)
     */
    private long eventCount() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier NOT LIKE 'refusal:%'",
                Long.class);
    }

    /** Recorded refusals with {@code code}, read back through the event store (the same on H2 and PostgreSQL). */
    private long refusalCount(String code) {
        try (var events = storage.readEvents(null, false)) {
            return events.map(event -> event.getPayload())
                    .filter(payload -> payload instanceof CommandRefusedEvent refused && refused.code().equals(code))
                    .count();
        }
    }

    /** Opens settlement, alice and bob in EUR and funds alice with 100.00. */
    private void openFundedAccounts() {
        assertThat(openAccount(id("settlement"), "EUR", ",\"unlimitedOverdraft\":true").status()).isEqualTo(201);
        assertThat(openAccount(id("alice"), "EUR", "").status()).isEqualTo(201);
        assertThat(openAccount(id("bob"), "EUR", "").status()).isEqualTo(201);
        assertThat(transfer(id("fund"), id("settlement"), id("alice"), "100.00", "EUR").status()).isEqualTo(201);
    }

    @Test
    void theReadmeWalkthroughGivesTheDocumentedAnswers() {
        openFundedAccounts();

        Answer moved = transfer(id("t1"), id("alice"), id("bob"), "30.25", "EUR");
        assertThat(moved.status()).isEqualTo(201);
        assertThat(moved.raw().headers().firstValue("Location")).hasValue("/api/v1/transfers/" + id("t1"));
        assertThat(moved.json().path("amount").asText()).isEqualTo("30.25");
        assertThat(moved.json().path("status").asText()).isEqualTo("POSTED");

        // Read-your-writes: the very next reads show the transfer's effect.
        assertThat(http.get("/api/v1/accounts/" + id("alice")).json().path("balance").path("posted").asText())
                .isEqualTo("69.75");
        assertThat(http.get("/api/v1/accounts/" + id("bob")).json().path("balance").path("posted").asText())
                .isEqualTo("30.25");
        assertThat(http.get("/api/v1/accounts/" + id("settlement")).json().path("balance").path("posted").asText())
                .isEqualTo("-100.00");

        long before = eventCount();
        Answer repeated = transfer(id("t1"), id("alice"), id("bob"), "30.25", "EUR");
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(repeated.body()).isEqualTo(moved.body());
        assertThat(eventCount()).isEqualTo(before);

        Answer overdraft = transfer(id("t2"), id("alice"), id("bob"), "69.76", "EUR");
        assertThat(overdraft.status()).isEqualTo(422);
        assertThat(overdraft.code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(eventCount()).isEqualTo(before);
        assertThat(http.get("/api/v1/accounts/" + id("alice")).json().path("balance").path("posted").asText())
                .isEqualTo("69.75");

        Answer read = http.get("/api/v1/transfers/" + id("t1"));
        assertThat(read.status()).isEqualTo(200);
        for (String field : new String[] {"id", "kind", "debitAccountId", "creditAccountId", "amount", "currency",
                "metadata", "status", "createdAt"}) {
            assertThat(read.json().get(field)).as(field).isEqualTo(moved.json().get(field));
        }
        assertThat(read.json().path("postedAmount").asText()).isEqualTo("30.25");
        assertThat(read.json().path("reversedAmount").asText()).isEqualTo("0.00");
    }

    @Test
    void repeatingAnAccountOpeningReturnsTheOriginalAndADifferentOneConflicts() {
        Answer opened = openAccount(id("carol"), "JPY", ",\"overdraftLimit\":\"500\"");
        assertThat(opened.status()).isEqualTo(201);
        assertThat(opened.raw().headers().firstValue("Location")).hasValue("/api/v1/accounts/" + id("carol"));
        assertThat(opened.json().path("overdraftLimit").asText()).isEqualTo("500");
        long before = eventCount();

        Answer repeated = openAccount(id("carol"), "JPY", ",\"overdraftLimit\":\"500\"");
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(repeated.body()).isEqualTo(opened.body());

        Answer conflicting = openAccount(id("carol"), "EUR", "");
        assertThat(conflicting.status()).isEqualTo(409);
        assertThat(conflicting.code()).isEqualTo("ID_CONFLICT");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void everyRefusalHasItsStatusAndCodeAndWritesNothing() {
        openFundedAccounts();
        assertThat(openAccount(id("usd"), "USD", "").status()).isEqualTo(201);
        assertThat(transfer(id("t1"), id("alice"), id("bob"), "1.00", "EUR").status()).isEqualTo(201);
        long before = eventCount();

        assertRefused(transfer(id("x1"), id("alice"), id("bob"), "99.01", "EUR"), 422, "INSUFFICIENT_FUNDS");
        assertRefused(transfer(id("x2"), id("alice"), id("usd"), "1.00", "EUR"), 422, "CURRENCY_MISMATCH");
        assertRefused(transfer(id("x3"), id("alice"), id("usd"), "1.00", "USD"), 422, "CURRENCY_MISMATCH");
        assertRefused(transfer(id("x4"), id("alice"), "nobody", "1.00", "EUR"), 404, "ACCOUNT_NOT_FOUND");
        assertRefused(transfer(id("x5"), "nobody", id("alice"), "1.00", "EUR"), 404, "ACCOUNT_NOT_FOUND");
        assertRefused(transfer(id("t1"), id("alice"), id("bob"), "2.00", "EUR"), 409, "ID_CONFLICT");
        assertRefused(transfer(id("x6"), id("alice"), id("bob"), "1.005", "EUR"), 422, "INVALID_AMOUNT");
        assertRefused(transfer(id("x7"), id("alice"), id("bob"), "0.00", "EUR"), 422, "INVALID_AMOUNT");
        assertRefused(transfer(id("x8"), id("alice"), id("bob"), "-1.00", "EUR"), 422, "INVALID_AMOUNT");
        assertRefused(transfer(id("x9"), id("alice"), id("bob"), "1000000000.01", "EUR"), 422, "AMOUNT_TOO_LARGE");
        assertRefused(transfer(id("x10"), id("alice"), id("alice"), "1.00", "EUR"), 422, "SAME_ACCOUNT");
        assertRefused(transfer(id("x11"), id("alice"), id("bob"), "1.00", "XAU"), 422, "UNSUPPORTED_CURRENCY");
        assertRefused(transfer(id("x12"), id("alice"), id("bob"), "1e2", "EUR"), 400, "MALFORMED_AMOUNT");
        assertRefused(transfer("bad id", id("alice"), id("bob"), "1.00", "EUR"), 400, "INVALID_ID");
        assertRefused(http.post("/api/v1/transfers", "{\"id\":\"" + id("x13") + "\",\"debitAccountId\":\""
                + id("alice") + "\",\"creditAccountId\":\"" + id("bob")
                + "\",\"amount\":1.00,\"currency\":\"EUR\"}"), 400, "MALFORMED_REQUEST");
        assertRefused(http.post("/api/v1/transfers", "{\"id\":\"" + id("x14") + "\"}"), 400, "MALFORMED_REQUEST");
        assertRefused(http.post("/api/v1/transfers", "{\"id\":"), 400, "MALFORMED_REQUEST");
        assertRefused(http.post("/api/v1/transfers", "{\"id\":\"a\",\"status\":\"POSTED\"}"), 400,
                "MALFORMED_REQUEST");
        assertRefused(openAccount(id("gold"), "XAU", ""), 422, "UNSUPPORTED_CURRENCY");
        assertRefused(openAccount(id("neg"), "EUR", ",\"overdraftLimit\":\"-1.00\""), 422, "INVALID_OVERDRAFT_LIMIT");
        assertRefused(http.get("/api/v1/accounts/nobody"), 404, "ACCOUNT_NOT_FOUND");
        assertRefused(http.get("/api/v1/transfers/nothing"), 404, "TRANSFER_NOT_FOUND");
        assertRefused(http.get("/api/v1/no-such-endpoint"), 404, "RESOURCE_NOT_FOUND");
        assertRefused(http.send(HttpRequest.newBuilder(http.uri("/api/v1/accounts/" + id("alice")))
                .DELETE()), 405, "METHOD_NOT_ALLOWED");
        assertRefused(http.send(HttpRequest.newBuilder(http.uri("/api/v1/accounts"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x"))),
                415, "UNSUPPORTED_MEDIA_TYPE");

        assertThat(eventCount()).isEqualTo(before);
        assertThat(http.get("/api/v1/accounts/" + id("alice")).json().path("balance").path("posted").asText())
                .isEqualTo("99.00");
        // Business refusals are recorded for auditors; malformed requests are not.
        assertThat(refusalCount("INSUFFICIENT_FUNDS")).isPositive();
        assertThat(refusalCount("CURRENCY_MISMATCH")).isPositive();
        assertThat(refusalCount("MALFORMED_AMOUNT")).isZero();
        assertThat(refusalCount("INVALID_ID")).isZero();
    }

    private static void assertRefused(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.code()).isEqualTo(code);
        assertThat(answer.json().path("status").asInt()).isEqualTo(status);
        assertThat(answer.json().path("detail").asText()).isNotBlank();
        assertThat(answer.body()).doesNotContain("Exception", "java.", "io.ledger", "org.axonframework", "\tat ");
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        Answer docs = http.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").fieldNames()).toIterable()
                .contains("/api/v1/accounts", "/api/v1/accounts/{id}", "/api/v1/transfers", "/api/v1/transfers/{id}");
        assertThat(http.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }
}
