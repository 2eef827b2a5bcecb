package io.ledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledger.api.HttpClientSupport.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Compliance alerts raised by real transfers and refusals, listed, filtered and reviewed through the HTTP API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:ledger-compliance;DB_CLOSE_DELAY=-1")
class ComplianceHttpTest {

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
        open("bank", true);
        open("alice", false);
        open("bob", false);
        open("carol", false);
    }

    @Test
    void transfersAndRefusalsRaiseAlertsThatCanBeListedFilteredAndReviewedOnce() {
        transfer("big", "bank", "alice", "12000.00");
        transfer("small-1", "alice", "bob", "4000.00");
        transfer("small-2", "alice", "bob", "4000.00");
        transfer("small-3", "alice", "bob", "4000.00");
        ok(http.post("/api/v1/accounts/" + id("carol") + "/freeze", "{\"reason\":\"Case 4711\"}"));
        Answer refused = post("/api/v1/transfers", transferBody("to-frozen", "bob", "carol", "10.00"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("ACCOUNT_FROZEN");

        JsonNode large = awaitAlert("type=LARGE_TRANSACTION&account=" + id("bank"), alert -> true);
        assertThat(large.path("id").asText()).isEqualTo("LARGE_TRANSACTION:" + id("big"));
        assertThat(large.path("amount").asText()).isEqualTo("12000.00");
        assertThat(large.path("currency").asText()).isEqualTo("EUR");
        assertThat(large.path("status").asText()).isEqualTo("OPEN");
        assertThat(large.path("ruleVersion").asText()).isEqualTo("2026-11-1");

        JsonNode structuring = awaitAlert("type=STRUCTURING&account=" + id("alice"), alert -> true);
        assertThat(structuring.path("transferId").asText()).isEqualTo(id("small-3"));
        assertThat(structuring.path("amount").asText()).isEqualTo("12000.00");
        awaitAlert("type=STRUCTURING&account=" + id("bob"), alert -> true);

        JsonNode frozen = awaitAlert("type=REFUSED_ON_FROZEN_OR_CLOSED&account=" + id("carol"), alert -> true);
        assertThat(frozen.path("transferId").asText()).isEqualTo(id("to-frozen"));
        assertThat(frozen.path("amount").asText()).isEqualTo("10.00");
        awaitAlert("type=REFUSED_ON_FROZEN_OR_CLOSED&account=" + id("bob"), alert -> true);

        List<JsonNode> forAlice = alerts("account=" + id("alice"));
        assertThat(forAlice).extracting(alert -> alert.path("type").asText()).containsExactly("STRUCTURING");
        Answer largeList = http.get("/api/v1/compliance/large-transactions");
        assertThat(largeList.status()).isEqualTo(200);
        assertThat(largeList.json().path("alerts")).anySatisfy(alert ->
                assertThat(alert.path("id").asText()).isEqualTo(large.path("id").asText()));

        String reviewPath = "/api/v1/compliance/alerts/" + large.path("id").asText() + "/review";
        Answer reviewed = post(reviewPath, "{\"reviewer\":\"auditor-1\",\"note\":\"Known customer\"}");
        assertThat(reviewed.status()).as(reviewed.body()).isEqualTo(200);
        assertThat(reviewed.json().path("status").asText()).isEqualTo("REVIEWED");
        assertThat(reviewed.json().path("reviewedBy").asText()).isEqualTo("auditor-1");
        assertThat(reviewed.json().path("reviewNote").asText()).isEqualTo("Known customer");
        assertThat(reviewed.json().hasNonNull("reviewedAt")).isTrue();

        Answer repeat = post(reviewPath, "{\"reviewer\":\"auditor-1\",\"note\":\"Known customer\"}");
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.json().path("reviewedAt").asText()).isEqualTo(reviewed.json().path("reviewedAt").asText());
        Answer conflict = post(reviewPath, "{\"reviewer\":\"auditor-2\",\"note\":\"Something else\"}");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.code()).isEqualTo("ALERT_ALREADY_REVIEWED");

        assertThat(alerts("type=LARGE_TRANSACTION&account=" + id("bank") + "&status=REVIEWED")).hasSize(1);
        assertThat(alerts("type=LARGE_TRANSACTION&account=" + id("bank") + "&status=OPEN")).isEmpty();
    }

    @Test
    void badFiltersUnknownAlertsAndBadReviewsAreRefusedWithProblems() {
        assertProblem(http.get("/api/v1/compliance/alerts?type=SUSPICIOUS"), 400, "INVALID_ALERT_TYPE");
        assertProblem(http.get("/api/v1/compliance/alerts?status=CLOSED"), 400, "INVALID_ALERT_STATUS");
        assertProblem(http.get("/api/v1/compliance/alerts?account=not%20an%20id"), 400, "INVALID_ID");
        assertProblem(http.get("/api/v1/compliance/alerts?from=2026-06-30T17:00:00"), 400, "INVALID_TIMESTAMP");
        assertProblem(http.get("/api/v1/compliance/alerts?limit=0"), 400, "INVALID_PAGE_SIZE");
        assertProblem(http.get("/api/v1/compliance/alerts?limit=1001"), 400, "INVALID_PAGE_SIZE");
        assertProblem(http.get("/api/v1/compliance/alerts?cursor=nonsense"), 400, "INVALID_CURSOR");
        assertProblem(http.get("/api/v1/compliance/large-transactions?to=yesterday"), 400, "INVALID_TIMESTAMP");

        String unknown = "/api/v1/compliance/alerts/LARGE_TRANSACTION:nothing-" + run + "/review";
        assertProblem(post(unknown, "{\"reviewer\":\"auditor-1\",\"note\":\"Fine\"}"), 404, "ALERT_NOT_FOUND");
        assertProblem(post(unknown, "{\"reviewer\":\" \",\"note\":\"Fine\"}"), 400, "INVALID_REASON");
        assertProblem(post(unknown, "{\"reviewer\":\"auditor-1\"}"), 400, "INVALID_REASON");
        assertProblem(post(unknown, "{\"reviewer\":\"auditor-1\",\"note\":\"Fine\",\"extra\":1}"), 400,
                "MALFORMED_REQUEST");
    }

    @Test
    void alertsArePagedWithAnOpaqueCursor() {
        for (int i = 1; i <= 3; i++) {
            transfer("page-" + i, "bank", "alice", "10000.00");
        }
        awaitAlert("type=LARGE_TRANSACTION&account=" + id("bank"),
                alert -> alert.path("transferId").asText().equals(id("page-3")));
        List<String> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Answer page = http.get("/api/v1/compliance/alerts?type=LARGE_TRANSACTION&account=" + id("bank")
                    + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            page.json().path("alerts").forEach(alert -> ids.add(alert.path("transferId").asText()));
            cursor = page.json().hasNonNull("nextCursor") ? page.json().path("nextCursor").asText() : null;
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(2);
        assertThat(ids).containsExactly(id("page-1"), id("page-2"), id("page-3"));
    }

    private JsonNode awaitAlert(String filter, Predicate<JsonNode> wanted) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            for (JsonNode alert : alerts(filter)) {
                if (wanted.test(alert)) {
                    return alert;
                }
            }
            assertThat(System.nanoTime()).as("an alert for " + filter).isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        }
    }

    private List<JsonNode> alerts(String filter) {
        Answer answer = http.get("/api/v1/compliance/alerts?" + filter);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<JsonNode> alerts = new ArrayList<>();
        answer.json().path("alerts").forEach(alerts::add);
        return alerts;
    }

    private static void assertProblem(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.code()).isEqualTo(code);
    }

    private void open(String name, boolean unlimited) {
        ok(post("/api/v1/accounts", "{\"id\":\"" + id(name) + "\",\"currency\":\"EUR\",\"name\":\"" + name + "\""
                + (unlimited ? ",\"unlimitedOverdraft\":true" : "") + "}"));
    }

    private void transfer(String name, String debit, String credit, String amount) {
        ok(post("/api/v1/transfers", transferBody(name, debit, credit, amount)));
    }

    private String transferBody(String name, String debit, String credit, String amount) {
        return "{\"id\":\"" + id(name) + "\",\"debitAccountId\":\"" + id(debit) + "\",\"creditAccountId\":\""
                + id(credit) + "\",\"amount\":\"" + amount + "\",\"currency\":\"EUR\"}";
    }

    private Answer post(String path, String body) {
        return http.post(path, body);
    }

    private static void ok(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isBetween(200, 201);
    }

    private String id(String name) {
        return name + "-" + run;
    }
}
