package io.ledger.api;

import io.ledger.api.HttpClientSupport.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Value dates: a back-dated transfer changes what was effective earlier, but not what was known earlier. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:ledger-bitemporal;DB_CLOSE_DELAY=-1")
class BiTemporalHttpTest {

    @LocalServerPort
    int port;

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
        created(http.post("/api/v1/accounts", "{\"id\":\"" + id("bank") + "\",\"currency\":\"EUR\",\"name\":\"B\","
                + "\"unlimitedOverdraft\":true}"));
        created(http.post("/api/v1/accounts", "{\"id\":\"" + id("alice") + "\",\"currency\":\"EUR\",\"name\":\"A\"}"));
    }

    @Test
    void aBackDatedTransferChangesTheEffectiveBalanceOnlyAsKnownAfterItWasRecorded() throws Exception {
        Instant funded = createdAt(transfer("fund", "10.00", null));
        Thread.sleep(300);
        Instant valueDate = funded.plusMillis(100);
        Answer backDated = transfer("late", "5.00", valueDate);
        created(backDated);
        assertThat(Instant.parse(backDated.json().path("effectiveAt").asText())).isEqualTo(valueDate);
        Instant recorded = createdAt(backDated);

        Instant between = funded.plusMillis(150);
        assertThat(effective(between, null).path("posted").asText()).as("as known now").isEqualTo("15.00");
        assertThat(effective(between, recorded.minusMillis(1)).path("posted").asText())
                .as("as known before it was recorded").isEqualTo("10.00");
        assertThat(effective(funded.plusMillis(50), null).path("posted").asText())
                .as("before its value date").isEqualTo("10.00");
        assertThat(effective(null, null).path("posted").asText()).isEqualTo("15.00");
        // Record-time answers are unchanged by value dates: at 'between' the ledger had recorded only the funding.
        assertThat(http.get("/api/v1/accounts/" + id("alice") + "/balance?asOf=" + encode(between.toString()))
                .json().path("posted").asText()).isEqualTo("10.00");

        assertThat(transfer("late", "5.00", valueDate).status()).as("faithful repeat").isEqualTo(200);
        Answer otherDate = transfer("late", "5.00", valueDate.plusMillis(1));
        assertThat(otherDate.status()).isEqualTo(409);
        assertThat(otherDate.code()).isEqualTo("ID_CONFLICT");
    }

    @Test
    void valueDatesInTheFutureOrBeyondTheWindowAreRefused() {
        Answer future = transfer("future", "1.00", Instant.now().plus(Duration.ofHours(1)));
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.code()).isEqualTo("INVALID_EFFECTIVE_DATE");
        Answer tooOld = transfer("old", "1.00", Instant.now().minus(Duration.ofDays(8)));
        assertThat(tooOld.status()).isEqualTo(422);
        assertThat(tooOld.code()).isEqualTo("INVALID_EFFECTIVE_DATE");
        Answer hold = http.post("/api/v1/transfers", "{\"id\":\"" + id("h") + "\",\"debitAccountId\":\"" + id("bank")
                + "\",\"creditAccountId\":\"" + id("alice") + "\",\"amount\":\"1.00\",\"currency\":\"EUR\","
                + "\"pending\":true,\"timeoutSeconds\":60,\"effectiveAt\":\"" + Instant.now() + "\"}");
        assertThat(hold.status()).isEqualTo(400);
        Answer mixed = http.get("/api/v1/accounts/" + id("alice") + "/balance?asOf=" + encode(Instant.now().toString())
                + "&knownAt=" + encode(Instant.now().toString()));
        assertThat(mixed.status()).isEqualTo(400);
    }

    private com.fasterxml.jackson.databind.JsonNode effective(Instant effectiveAt, Instant knownAt) {
        StringBuilder query = new StringBuilder("?");
        if (effectiveAt != null) {
            query.append("effectiveAt=").append(encode(effectiveAt.toString())).append('&');
        }
        query.append("knownAt=").append(encode((knownAt == null ? Instant.now().plusSeconds(1) : knownAt).toString()));
        Answer answer = http.get("/api/v1/accounts/" + id("alice") + "/balance" + query);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private Answer transfer(String name, String amount, Instant effectiveAt) {
        return http.post("/api/v1/transfers", "{\"id\":\"" + id(name) + "\",\"debitAccountId\":\"" + id("bank")
                + "\",\"creditAccountId\":\"" + id("alice") + "\",\"amount\":\"" + amount + "\",\"currency\":\"EUR\""
                + (effectiveAt == null ? "" : ",\"effectiveAt\":\"" + effectiveAt + "\"") + "}");
    }

    private static Instant createdAt(Answer answer) {
        return Instant.parse(answer.json().path("createdAt").asText());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String id(String name) {
        return name + "-" + run;
    }

    private static void created(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }
}
