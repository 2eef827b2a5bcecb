package io.ledger.api;

import io.ledger.api.HttpClientSupport.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every kind of bad input gets its status and a problem+json body with a stable code, and changes nothing: the
 * account and transfer streams of the event store are exactly as before. Malformed requests are not even
 * recorded as refusals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:ledger-strict;DB_CLOSE_DELAY=-1",
                "ledger.max-request-bytes=65536"})
class StrictInputTest {

    private static final String TRANSFERS = "/api/v1/transfers";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    HttpClientSupport http;

    @AfterAll
    void theBooksStillBalance() {
        http.assertBooksBalance();
    }

    @BeforeAll
    void openAccountsInEveryState() {
        http = new HttpClientSupport("http://localhost:" + port);
        open("{\"id\":\"s-eur\",\"currency\":\"EUR\",\"name\":\"Settlement\",\"unlimitedOverdraft\":true}");
        open("{\"id\":\"a-eur\",\"currency\":\"EUR\",\"name\":\"A\"}");
        open("{\"id\":\"b-eur\",\"currency\":\"EUR\",\"name\":\"B\"}");
        open("{\"id\":\"a-jpy\",\"currency\":\"JPY\",\"name\":\"Yen\"}");
        open("{\"id\":\"frozen-eur\",\"currency\":\"EUR\",\"name\":\"Frozen\"}");
        open("{\"id\":\"closed-eur\",\"currency\":\"EUR\",\"name\":\"Closed\"}");
        ok(http.post(TRANSFERS, transfer("fund-a", "s-eur", "a-eur", "\"100.00\"", "EUR", "")));
        ok(http.post(TRANSFERS, transfer("hold-posted", "a-eur", "b-eur", "\"1.00\"", "EUR",
                ",\"pending\":true,\"timeoutSeconds\":3600")));
        ok(http.post(TRANSFERS + "/hold-posted/post", ""));
        ok(http.post(TRANSFERS, transfer("hold-voided", "a-eur", "b-eur", "\"1.00\"", "EUR",
                ",\"pending\":true,\"timeoutSeconds\":3600")));
        ok(http.send(HttpRequest.newBuilder(http.uri(TRANSFERS + "/hold-voided/void"))
                .POST(HttpRequest.BodyPublishers.noBody())));
        ok(http.post(TRANSFERS, transfer("hold-pending", "a-eur", "b-eur", "\"1.00\"", "EUR",
                ",\"pending\":true,\"timeoutSeconds\":3600")));
        ok(http.post(TRANSFERS, transfer("hold-expiring", "s-eur", "b-eur", "\"1.00\"", "EUR",
                ",\"pending\":true,\"timeoutSeconds\":1")));
        ok(http.post("/api/v1/accounts/frozen-eur/freeze", "{\"reason\":\"test\"}"));
        ok(http.post("/api/v1/accounts/closed-eur/close", "{\"reason\":\"test\"}"));
        // The sweeper expires hold-expiring after a second; wait for it so that no test sees it happen.
        await().atMost(Duration.ofSeconds(15)).until(() ->
                http.get(TRANSFERS + "/hold-expiring").json().path("status").asText().equals("EXPIRED"));
    }

    static Stream<Arguments> badInputs() {
        String longId = "x".repeat(65);
        String bigMetadata = "{" + String.join(",", Stream.iterate(0, i -> i + 1).limit(17)
                .map(i -> "\"k" + i + "\":\"v\"").toList()) + "}";
        return Stream.of(
                // 400: the request itself is malformed.
                bad("empty body", post(""), 400, "MALFORMED_REQUEST"),
                bad("truncated JSON", post("{\"id\":\"x1\",\"amount\":"), 400, "MALFORMED_REQUEST"),
                bad("trailing garbage", post(transfer("x2", "a-eur", "b-eur", "\"1.00\"", "EUR", "") + " {}"),
                        400, "MALFORMED_REQUEST"),
                bad("duplicate keys", post(transfer("x3", "a-eur", "b-eur", "\"1.00\"", "EUR",
                        ",\"amount\":\"2.00\"")), 400, "MALFORMED_REQUEST"),
                bad("unknown property", post(transfer("x4", "a-eur", "b-eur", "\"1.00\"", "EUR",
                        ",\"status\":\"POSTED\"")), 400, "MALFORMED_REQUEST"),
                bad("missing required field", post("{\"id\":\"x5\",\"debitAccountId\":\"a-eur\","
                        + "\"creditAccountId\":\"b-eur\",\"currency\":\"EUR\"}"), 400, "MALFORMED_REQUEST"),
                bad("amount as a JSON number", post(transfer("x6", "a-eur", "b-eur", "1.00", "EUR", "")),
                        400, "MALFORMED_REQUEST"),
                bad("id as a JSON number", post("{\"id\":7,\"debitAccountId\":\"a-eur\",\"creditAccountId\":"
                        + "\"b-eur\",\"amount\":\"1.00\",\"currency\":\"EUR\"}"), 400, "MALFORMED_REQUEST"),
                bad("exponent amount", amount("\"1e3\""), 400, "MALFORMED_AMOUNT"),
                bad("NaN amount", amount("\"NaN\""), 400, "MALFORMED_AMOUNT"),
                bad("plus sign", amount("\"+12.00\""), 400, "MALFORMED_AMOUNT"),
                bad("decimal comma", amount("\"12,00\""), 400, "MALFORMED_AMOUNT"),
                bad("leading space", amount("\" 12.00\""), 400, "MALFORMED_AMOUNT"),
                bad("1000-digit amount", amount("\"" + "9".repeat(1000) + "\""), 400, "MALFORMED_AMOUNT"),
                bad("id too long", post(transfer(longId, "a-eur", "b-eur", "\"1.00\"", "EUR", "")),
                        400, "INVALID_ID"),
                bad("forbidden id characters", post(transfer("x/../y", "a-eur", "b-eur", "\"1.00\"", "EUR", "")),
                        400, "INVALID_ID"),
                bad("metadata over its limit", post(transfer("x7", "a-eur", "b-eur", "\"1.00\"", "EUR",
                        ",\"metadata\":" + bigMetadata)), 400, "METADATA_TOO_LARGE"),
                bad("malformed timestamp", post(transfer("x8", "a-eur", "b-eur", "\"1.00\"", "EUR",
                        ",\"pending\":true,\"expiresAt\":\"tomorrow at noon\"")), 400, "MALFORMED_REQUEST"),
                bad("timestamp without offset", post(transfer("x9", "a-eur", "b-eur", "\"1.00\"", "EUR",
                        ",\"pending\":true,\"expiresAt\":\"2030-01-01T00:00:00\"")), 400, "MALFORMED_REQUEST"),
                bad("fractional timeout", post(transfer("x10", "a-eur", "b-eur", "\"1.00\"", "EUR",
                        ",\"pending\":true,\"timeoutSeconds\":1.5")), 400, "MALFORMED_REQUEST"),
                bad("blank reason", httpPost("/api/v1/accounts/a-eur/freeze", "{\"reason\":\" \"}"),
                        400, "INVALID_REASON"),
                // 405, 406, 413, 415: HTTP-level mismatches.
                bad("non-JSON content type", http -> http.send(HttpRequest.newBuilder(http.uri(TRANSFERS))
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("amount=1"))), 415, "UNSUPPORTED_MEDIA_TYPE"),
                bad("unsatisfiable Accept", http -> http.send(HttpRequest.newBuilder(http.uri(TRANSFERS))
                        .header("Content-Type", "application/json").header("Accept", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                transfer("x11", "a-eur", "b-eur", "\"1.00\"", "EUR", "")))),
                        406, "NOT_ACCEPTABLE"),
                bad("wrong method", http -> http.send(HttpRequest.newBuilder(http.uri(TRANSFERS + "/fund-a"))
                        .DELETE()), 405, "METHOD_NOT_ALLOWED"),
                bad("body over the size limit", post(transfer("x12", "a-eur", "b-eur", "\"1.00\"", "EUR",
                        ",\"metadata\":{\"k\":\"" + "v".repeat(70_000) + "\"}")), 413, "PAYLOAD_TOO_LARGE"),
                // 422: well formed, refused by a business rule.
                bad("excess fraction digits for EUR", amount("\"12.345\""), 422, "INVALID_AMOUNT"),
                bad("excess fraction digits for JPY", post(transfer("x13", "s-eur", "a-jpy", "\"12.3\"", "JPY", "")),
                        422, "INVALID_AMOUNT"),
                bad("zero amount", amount("\"0.00\""), 422, "INVALID_AMOUNT"),
                bad("negative amount", amount("\"-5.00\""), 422, "INVALID_AMOUNT"),
                bad("amount over the maximum", amount("\"1000000000.01\""), 422, "AMOUNT_TOO_LARGE"),
                bad("unknown currency", post(transfer("x14", "a-eur", "b-eur", "\"1.00\"", "ABC", "")),
                        422, "UNSUPPORTED_CURRENCY"),
                bad("test currency", post(transfer("x15", "a-eur", "b-eur", "\"1.00\"", "XTS", "")),
                        422, "UNSUPPORTED_CURRENCY"),
                bad("gold", post(transfer("x16", "a-eur", "b-eur", "\"1.00\"", "XAU", "")),
                        422, "UNSUPPORTED_CURRENCY"),
                bad("currency different from an account's", post(transfer("x17", "a-eur", "a-jpy", "\"1\"", "JPY",
                        "")), 422, "CURRENCY_MISMATCH"),
                bad("same account on both sides", post(transfer("x18", "a-eur", "a-eur", "\"1.00\"", "EUR", "")),
                        422, "SAME_ACCOUNT"),
                bad("insufficient available funds", amount("\"99.01\""), 422, "INSUFFICIENT_FUNDS"),
                bad("post more than held", httpPost(TRANSFERS + "/hold-pending/post", "{\"amount\":\"5.00\"}"),
                        422, "POST_AMOUNT_EXCEEDS_HOLD"),
                bad("post a posted hold for another amount", httpPost(TRANSFERS + "/hold-posted/post",
                        "{\"amount\":\"0.50\"}"), 409, "HOLD_ALREADY_POSTED"),
                bad("post an expired hold", httpPost(TRANSFERS + "/hold-expiring/post", ""), 409, "HOLD_EXPIRED"),
                // 404 and 409.
                bad("unknown account", post(transfer("x19", "a-eur", "nobody", "\"1.00\"", "EUR", "")),
                        404, "ACCOUNT_NOT_FOUND"),
                bad("unknown transfer", httpPost(TRANSFERS + "/nothing/post", ""), 404, "TRANSFER_NOT_FOUND"),
                bad("hold already posted", http -> http.send(HttpRequest.newBuilder(
                        http.uri(TRANSFERS + "/hold-posted/void")).POST(HttpRequest.BodyPublishers.noBody())),
                        409, "HOLD_ALREADY_POSTED"),
                bad("hold already voided", httpPost(TRANSFERS + "/hold-voided/post", ""), 409, "HOLD_ALREADY_VOIDED"),
                bad("frozen account", post(transfer("x20", "a-eur", "frozen-eur", "\"1.00\"", "EUR", "")),
                        409, "ACCOUNT_FROZEN"),
                bad("closed account", post(transfer("x21", "a-eur", "closed-eur", "\"1.00\"", "EUR", "")),
                        409, "ACCOUNT_CLOSED"),
                bad("id reused with other content", post(transfer("fund-a", "s-eur", "a-eur", "\"99.00\"", "EUR",
                        "")), 409, "ID_CONFLICT"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsRefusedWithItsStatusAndCodeAndChangesNothing(String name, Function<HttpClientSupport, Answer> send,
                                                                int status, String code) {
        long eventsBefore = ledgerEvents();
        long refusalsBefore = refusals();

        Answer answer = send.apply(http);

        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.code()).isEqualTo(code);
        assertThat(answer.body()).doesNotContain("Exception", "java.", "io.ledger", "org.", "\tat ");
        assertThat(ledgerEvents()).as("account and transfer streams unchanged").isEqualTo(eventsBefore);
        if (status == 400 || status == 413 || status == 415 || status == 406 || status == 405) {
            assertThat(refusals()).as("malformed requests are not recorded").isEqualTo(refusalsBefore);
        }
    }

    private long ledgerEvents() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier NOT LIKE "
                + "'refusal:%'", Long.class);
    }

    private long refusals() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier LIKE "
                + "'refusal:%'", Long.class);
    }

    private static Arguments bad(String name, Function<HttpClientSupport, Answer> send, int status, String code) {
        return arguments(name, send, status, code);
    }

    private static Function<HttpClientSupport, Answer> post(String body) {
        return http -> http.post(TRANSFERS, body);
    }

    private static Function<HttpClientSupport, Answer> httpPost(String path, String body) {
        return http -> http.post(path, body);
    }

    private static Function<HttpClientSupport, Answer> amount(String amountJson) {
        return post(transfer("amt-" + Integer.toHexString(amountJson.hashCode()), "a-eur", "b-eur", amountJson, "EUR",
                ""));
    }

    private static String transfer(String id, String debit, String credit, String amountJson, String currency,
                                   String extra) {
        return "{\"id\":\"" + id + "\",\"debitAccountId\":\"" + debit + "\",\"creditAccountId\":\"" + credit
                + "\",\"amount\":" + amountJson + ",\"currency\":\"" + currency + "\"" + extra + "}";
    }

    private void open(String body) {
        ok(http.post("/api/v1/accounts", body));
    }

    private static void ok(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isBetween(200, 201);
    }
}
