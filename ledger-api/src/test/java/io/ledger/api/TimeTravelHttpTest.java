package io.ledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledger.api.HttpClientSupport.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Statements, point-in-time balances and the trial balance through the HTTP API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:ledger-time-travel;DB_CLOSE_DELAY=-1")
class TimeTravelHttpTest {

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
        ok(http.post("/api/v1/accounts", "{\"id\":\"" + id("bank") + "\",\"currency\":\"EUR\",\"name\":\"Bank\","
                + "\"unlimitedOverdraft\":true}"));
        ok(http.post("/api/v1/accounts", "{\"id\":\"" + id("alice") + "\",\"currency\":\"EUR\",\"name\":\"A\"}"));
    }

    @Test
    void aBalanceAtAnInstantIncludesWhatHappenedExactlyThenAndNothingLater() {
        Instant opened = Instant.parse(http.get("/api/v1/accounts/" + id("alice")).json().path("openedAt").asText());
        Instant first = createdAt(transfer("t1", "10.00"));
        Instant second = createdAt(transfer("t2", "5.00"));

        assertThat(balanceAt(first).path("posted").asText()).isEqualTo("10.00");
        assertThat(balanceAt(first.minusMillis(1)).path("posted").asText()).isEqualTo("0.00");
        assertThat(balanceAt(second).path("posted").asText()).isEqualTo("15.00");
        assertThat(balanceAt(second.plusSeconds(3600)).path("posted").asText()).isEqualTo("15.00");
        assertThat(balanceAt(opened).path("posted").asText()).isEqualTo("0.00");
        assertThat(balanceAt(first).path("position").asLong())
                .isLessThan(balanceAt(second).path("position").asLong());

        // The same instants written with other offsets are the same instants.
        assertThat(balanceAt(first.atOffset(ZoneOffset.ofHours(14)).toString()).path("posted").asText())
                .isEqualTo("10.00");
        assertThat(balanceAt(first.minusMillis(1).atOffset(ZoneOffset.ofHours(-12)).toString()).path("posted")
                .asText()).isEqualTo("0.00");

        Answer beforeOpening = http.get("/api/v1/accounts/" + id("alice") + "/balance?asOf="
                + encode(opened.minusMillis(1).toString()));
        assertThat(beforeOpening.status()).isEqualTo(404);
        assertThat(beforeOpening.code()).isEqualTo("ACCOUNT_NOT_FOUND");
        Answer malformed = http.get("/api/v1/accounts/" + id("alice") + "/balance?asOf=2026-06-30T17:00:00");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("INVALID_TIMESTAMP");
        assertThat(balanceAt(second).path("settled").asBoolean()).as("too recent to be settled").isFalse();
    }

    @Test
    void aStatementListsEveryEntryWithItsRunningBalanceAcrossPages() {
        for (int i = 1; i <= 7; i++) {
            transfer("s" + i, i + ".00");
        }
        List<JsonNode> entries = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Answer page = http.get("/api/v1/accounts/" + id("alice") + "/entries?limit=3"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            page.json().path("entries").forEach(entries::add);
            cursor = page.json().hasNonNull("nextCursor") ? page.json().path("nextCursor").asText() : null;
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(entries).hasSize(8);
        assertThat(entries.get(0).path("type").asText()).isEqualTo("OPENED");
        assertThat(entries.get(7).path("postedAfter").asText()).isEqualTo("28.00");
        assertThat(entries.get(7).path("counterpartyAccountId").asText()).isEqualTo(id("bank"));
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).path("seq").asLong()).isGreaterThan(entries.get(i - 1).path("seq").asLong());
        }

        Instant fourth = Instant.parse(entries.get(4).path("recordedAt").asText());
        Answer window = http.get("/api/v1/accounts/" + id("alice") + "/entries?from=" + encode(fourth.toString())
                + "&to=" + encode(fourth.toString()));
        assertThat(window.json().path("entries")).allSatisfy(entry ->
                assertThat(Instant.parse(entry.path("recordedAt").asText())).isEqualTo(fourth));

        assertThat(http.get("/api/v1/accounts/" + id("alice") + "/entries?cursor=nonsense").code())
                .isEqualTo("INVALID_CURSOR");
        assertThat(http.get("/api/v1/accounts/" + id("alice") + "/entries?limit=0").code())
                .isEqualTo("INVALID_PAGE_SIZE");
        assertThat(http.get("/api/v1/accounts/" + id("alice") + "/entries?limit=1001").code())
                .isEqualTo("INVALID_PAGE_SIZE");
        assertThat(http.get("/api/v1/accounts/nobody-" + run + "/entries").code()).isEqualTo("ACCOUNT_NOT_FOUND");
    }

    @Test
    void everyStatementEntrySaysWhatItsTransferDid() {
        ok(http.post("/api/v1/accounts", "{\"id\":\"" + id("shop") + "\",\"currency\":\"EUR\",\"name\":\"S\"}"));
        transfer("c1", "50.00");
        ok(http.post("/api/v1/transfers", movement("h-post", "alice", "shop", "20.00", ",\"pending\":true,"
                + "\"timeoutSeconds\":600")));
        ok(http.post("/api/v1/transfers/" + id("h-post") + "/post", "{\"amount\":\"15.00\"}"));
        ok(http.post("/api/v1/transfers", movement("h-void", "alice", "shop", "5.00", ",\"pending\":true,"
                + "\"timeoutSeconds\":600")));
        ok(http.send(java.net.http.HttpRequest.newBuilder(http.uri("/api/v1/transfers/" + id("h-void") + "/void"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())));
        ok(http.post("/api/v1/transfers/" + id("h-post") + "/reverse", "{\"id\":\"" + id("refund") + "\"}"));

        List<String> causes = new ArrayList<>();
        http.get("/api/v1/accounts/" + id("alice") + "/entries").json().path("entries").forEach(entry ->
                causes.add(entry.path("type").asText() + "/" + entry.path("cause").asText("-")));
        assertThat(causes).containsExactly(
                "OPENED/-",
                "CREDIT/TRANSFER",
                "PENDING_DEBIT/HOLD_PLACED",
                "PENDING_DEBIT_RELEASED/HOLD_POSTED",
                "DEBIT/HOLD_POSTED",
                "PENDING_DEBIT/HOLD_PLACED",
                "PENDING_DEBIT_RELEASED/HOLD_VOIDED",
                "CREDIT/REVERSAL");
    }

    private String movement(String name, String debit, String credit, String amount, String extra) {
        return "{\"id\":\"" + id(name) + "\",\"debitAccountId\":\"" + id(debit) + "\",\"creditAccountId\":\""
                + id(credit) + "\",\"amount\":\"" + amount + "\",\"currency\":\"EUR\"" + extra + "}";
    }

    @Test
    void theTrialBalanceNetsToZeroNowAndAtEveryEarlierInstant() {
        Instant first = createdAt(transfer("tb1", "12.34"));
        transfer("tb2", "0.66");
        JsonNode now = http.get("/api/v1/reports/trial-balance").json();
        assertThat(now.path("balanced").asBoolean()).isTrue();
        JsonNode eur = now.path("currencies").get(0);
        assertThat(eur.path("currency").asText()).isEqualTo("EUR");
        assertThat(eur.path("balanceSum").asText()).isEqualTo("0.00");
        assertThat(eur.path("totalDebits").asText()).isEqualTo(eur.path("totalCredits").asText());

        JsonNode earlier = http.get("/api/v1/reports/trial-balance?asOf=" + encode(first.toString())).json();
        assertThat(earlier.path("balanced").asBoolean()).isTrue();
        assertThat(http.get("/api/v1/admin/projections").json().get(0).path("view").asText()).isEqualTo("balances");
    }

    private Answer transfer(String name, String amount) {
        Answer answer = http.post("/api/v1/transfers", "{\"id\":\"" + id(name) + "\",\"debitAccountId\":\""
                + id("bank") + "\",\"creditAccountId\":\"" + id("alice") + "\",\"amount\":\"" + amount
                + "\",\"currency\":\"EUR\"}");
        ok(answer);
        return answer;
    }

    private static Instant createdAt(Answer transfer) {
        return Instant.parse(transfer.json().path("createdAt").asText());
    }

    private JsonNode balanceAt(Instant at) {
        return balanceAt(at.toString());
    }

    private JsonNode balanceAt(String at) {
        Answer answer = http.get("/api/v1/accounts/" + id("alice") + "/balance?asOf=" + encode(at));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String id(String name) {
        return name + "-" + run;
    }

    private static void ok(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isBetween(200, 201);
    }
}
