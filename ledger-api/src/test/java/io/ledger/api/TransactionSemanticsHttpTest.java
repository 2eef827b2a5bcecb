package io.ledger.api;

import io.ledger.api.HttpClientSupport.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Holds, reversals, account lifecycle and batches through the HTTP API, as a client uses them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:ledger-semantics;DB_CLOSE_DELAY=-1")
class TransactionSemanticsHttpTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    HttpClientSupport http;
    String run;

    @AfterEach
    void theBooksStillBalance() {
        http.assertBooksBalance();
    }

    @BeforeEach
    void openAccounts() {
        http = new HttpClientSupport("http://localhost:" + port);
        run = UUID.randomUUID().toString().substring(0, 8);
        created(http.post("/api/v1/accounts", "{\"id\":\"" + id("bank") + "\",\"currency\":\"EUR\",\"name\":\"Bank\","
                + "\"unlimitedOverdraft\":true}"));
        for (String name : new String[] {"alice", "bob", "merchant", "fees"}) {
            created(http.post("/api/v1/accounts", "{\"id\":\"" + id(name) + "\",\"currency\":\"EUR\",\"name\":\""
                    + name + "\"}"));
        }
        created(transfer("fund", "bank", "alice", "100.00", ""));
    }

    @Test
    void aHoldReservesFundsAndIsPostedInPartWithTheRestReleased() {
        Answer hold = transfer("h1", "alice", "merchant", "60.00", ",\"pending\":true,\"timeoutSeconds\":600");
        created(hold);
        assertThat(hold.json().path("kind").asText()).isEqualTo("HOLD");
        assertThat(hold.json().path("status").asText()).isEqualTo("PENDING");
        assertThat(balance("alice")).isEqualTo(new String[] {"100.00", "60.00", "0.00", "40.00"});
        assertThat(balance("merchant")).isEqualTo(new String[] {"0.00", "0.00", "60.00", "0.00"});

        Answer refused = transfer("t-too-much", "alice", "bob", "40.01", "");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("INSUFFICIENT_FUNDS");

        Answer posted = http.post("/api/v1/transfers/" + id("h1") + "/post", "{\"amount\":\"45.50\"}");
        assertThat(posted.status()).isEqualTo(200);
        assertThat(posted.json().path("postedAmount").asText()).isEqualTo("45.50");
        assertThat(posted.json().path("releasedAmount").asText()).isEqualTo("14.50");
        assertThat(balance("alice")).isEqualTo(new String[] {"54.50", "0.00", "0.00", "54.50"});
        assertThat(balance("merchant")).isEqualTo(new String[] {"45.50", "0.00", "0.00", "45.50"});

        Answer repeated = http.post("/api/v1/transfers/" + id("h1") + "/post", "{\"amount\":\"45.50\"}");
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(repeated.body()).isEqualTo(posted.body());
        Answer voided = voidHold("h1");
        assertThat(voided.status()).isEqualTo(409);
        assertThat(voided.code()).isEqualTo("HOLD_ALREADY_POSTED");
    }

    @Test
    void aVoidedHoldReleasesEverythingAndAnExpiredOneExpiresByItself() {
        created(transfer("h-void", "alice", "bob", "10.00", ",\"pending\":true,\"timeoutSeconds\":600"));
        Answer voided = voidHold("h-void");
        assertThat(voided.status()).isEqualTo(200);
        assertThat(voided.json().path("status").asText()).isEqualTo("VOIDED");
        assertThat(voidHold("h-void").body()).isEqualTo(voided.body());

        created(transfer("h-exp", "alice", "bob", "20.00", ",\"pending\":true,\"timeoutSeconds\":1"));
        await().atMost(Duration.ofSeconds(15)).until(() ->
                http.get("/api/v1/transfers/" + id("h-exp")).json().path("status").asText().equals("EXPIRED"));
        assertThat(balance("alice")).isEqualTo(new String[] {"100.00", "0.00", "0.00", "100.00"});
        assertThat(balance("bob")).isEqualTo(new String[] {"0.00", "0.00", "0.00", "0.00"});
        Answer late = http.post("/api/v1/transfers/" + id("h-exp") + "/post", "");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("HOLD_EXPIRED");
        assertThat(countEvents("transfer:" + id("h-exp"), "HoldExpiredEvent")).isEqualTo(1);
    }

    @Test
    void reversalsGiveBackUpToTheOriginalAmount() {
        created(transfer("pay", "alice", "merchant", "30.00", ""));
        Answer refund = http.post("/api/v1/transfers/" + id("pay") + "/reverse",
                "{\"id\":\"" + id("refund-1") + "\",\"amount\":\"10.00\"}");
        created(refund);
        assertThat(refund.json().path("kind").asText()).isEqualTo("REVERSAL");
        assertThat(refund.json().path("reversalOf").asText()).isEqualTo(id("pay"));
        assertThat(refund.json().path("debitAccountId").asText()).isEqualTo(id("merchant"));
        assertThat(http.post("/api/v1/transfers/" + id("pay") + "/reverse",
                "{\"id\":\"" + id("refund-1") + "\",\"amount\":\"10.00\"}").status()).isEqualTo(200);

        Answer tooMuch = http.post("/api/v1/transfers/" + id("pay") + "/reverse",
                "{\"id\":\"" + id("refund-2") + "\",\"amount\":\"20.01\"}");
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.code()).isEqualTo("REVERSAL_EXCEEDS_ORIGINAL");
        created(http.post("/api/v1/transfers/" + id("pay") + "/reverse", "{\"id\":\"" + id("refund-2")
                + "\",\"amount\":\"20.00\"}"));
        assertThat(http.get("/api/v1/transfers/" + id("pay")).json().path("reversedAmount").asText())
                .isEqualTo("30.00");
        assertThat(balance("alice")[0]).isEqualTo("100.00");
        assertThat(balance("merchant")[0]).isEqualTo("0.00");

        created(transfer("h", "alice", "bob", "5.00", ",\"pending\":true,\"timeoutSeconds\":600"));
        Answer pending = http.post("/api/v1/transfers/" + id("h") + "/reverse", "{\"id\":\"" + id("r-h") + "\"}");
        assertThat(pending.status()).isEqualTo(409);
        assertThat(pending.code()).isEqualTo("TRANSFER_NOT_REVERSIBLE");
    }

    @Test
    void aFrozenAccountTakesNoNewMovementButItsHoldsCanBeVoidedAndAnEmptyAccountCloses() {
        created(transfer("h", "alice", "bob", "5.00", ",\"pending\":true,\"timeoutSeconds\":600"));
        Answer frozen = http.post("/api/v1/accounts/" + id("bob") + "/freeze", "{\"reason\":\"KYC review\"}");
        assertThat(frozen.status()).isEqualTo(200);
        assertThat(frozen.json().path("status").asText()).isEqualTo("FROZEN");
        assertThat(http.get("/api/v1/accounts/" + id("bob")).json().path("status").asText()).isEqualTo("FROZEN");

        Answer toFrozen = transfer("t1", "alice", "bob", "1.00", "");
        assertThat(toFrozen.status()).isEqualTo(409);
        assertThat(toFrozen.code()).isEqualTo("ACCOUNT_FROZEN");
        Answer postToFrozen = http.post("/api/v1/transfers/" + id("h") + "/post", "");
        assertThat(postToFrozen.code()).isEqualTo("ACCOUNT_FROZEN");
        assertThat(voidHold("h").status()).isEqualTo(200);

        assertThat(http.post("/api/v1/accounts/" + id("bob") + "/unfreeze", "{\"reason\":\"cleared\"}").status())
                .isEqualTo(200);
        created(transfer("t2", "alice", "bob", "1.00", ""));

        Answer notEmpty = http.post("/api/v1/accounts/" + id("bob") + "/close", "{\"reason\":\"customer left\"}");
        assertThat(notEmpty.status()).isEqualTo(409);
        assertThat(notEmpty.code()).isEqualTo("ACCOUNT_NOT_EMPTY");
        created(transfer("t3", "bob", "alice", "1.00", ""));
        assertThat(http.post("/api/v1/accounts/" + id("bob") + "/close", "{\"reason\":\"customer left\"}")
                .json().path("status").asText()).isEqualTo("CLOSED");
        assertThat(transfer("t4", "alice", "bob", "1.00", "").code()).isEqualTo("ACCOUNT_CLOSED");

        Answer limit = http.send(HttpRequest.newBuilder(http.uri("/api/v1/accounts/" + id("fees")
                        + "/overdraft-limit")).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(
                        "{\"overdraftLimit\":\"25.00\",\"reason\":\"credit line\"}")));
        assertThat(limit.status()).isEqualTo(200);
        assertThat(limit.json().path("overdraftLimit").asText()).isEqualTo("25.00");
        created(transfer("t5", "fees", "alice", "25.00", ""));
        assertThat(transfer("t6", "fees", "alice", "0.01", "").code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(countEvents("account:" + id("bob"), "AccountFrozenEvent")).isEqualTo(1);
    }

    @Test
    void aPaymentWithAFeeIsOneAtomicBatchAndARefusedItemWritesNothing() {
        Answer batch = http.post("/api/v1/transfers/batch", "{\"atomic\":true,\"items\":["
                + item("transfer", "pay", "alice", "merchant", "19.00") + ","
                + item("transfer", "fee", "alice", "fees", "1.00") + "]}");
        assertThat(batch.status()).isEqualTo(200);
        assertThat(batch.json().path("items").size()).isEqualTo(2);
        assertThat(batch.json().path("items").get(1).path("status").asText()).isEqualTo("CREATED");
        assertThat(balance("alice")[0]).isEqualTo("80.00");
        assertThat(balance("fees")[0]).isEqualTo("1.00");

        long before = ledgerEvents();
        Answer refused = http.post("/api/v1/transfers/batch", "{\"atomic\":true,\"items\":["
                + item("transfer", "pay2", "alice", "merchant", "50.00") + ","
                + item("transfer", "fee2", "alice", "fees", "30.01") + "]}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(refused.json().path("itemIndex").asInt()).isEqualTo(1);
        assertThat(ledgerEvents()).isEqualTo(before);

        Answer itemByItem = http.post("/api/v1/transfers/batch", "{\"atomic\":false,\"items\":["
                + item("transfer", "pay2", "alice", "merchant", "50.00") + ","
                + item("transfer", "fee2", "alice", "fees", "30.01") + ","
                + item("transfer", "pay", "alice", "merchant", "19.00") + "]}");
        assertThat(itemByItem.status()).isEqualTo(200);
        assertThat(itemByItem.json().path("items").get(0).path("status").asText()).isEqualTo("CREATED");
        assertThat(itemByItem.json().path("items").get(1).path("status").asText()).isEqualTo("REFUSED");
        assertThat(itemByItem.json().path("items").get(1).path("code").asText()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(itemByItem.json().path("items").get(2).path("status").asText()).isEqualTo("REPEATED");
        assertThat(balance("alice")[0]).isEqualTo("30.00");
    }

    @Test
    void aBatchCanPlaceHoldsAndPostOrVoidThemInLaterItems() {
        Answer batch = http.post("/api/v1/transfers/batch", "{\"atomic\":true,\"items\":["
                + "{\"type\":\"hold\",\"id\":\"" + id("bh1") + "\",\"debitAccountId\":\"" + id("alice")
                + "\",\"creditAccountId\":\"" + id("bob") + "\",\"amount\":\"10.00\",\"currency\":\"EUR\","
                + "\"timeoutSeconds\":60},"
                + "{\"type\":\"hold\",\"id\":\"" + id("bh2") + "\",\"debitAccountId\":\"" + id("alice")
                + "\",\"creditAccountId\":\"" + id("bob") + "\",\"amount\":\"5.00\",\"currency\":\"EUR\","
                + "\"timeoutSeconds\":60},"
                + "{\"type\":\"post\",\"transferId\":\"" + id("bh1") + "\",\"amount\":\"7.00\"},"
                + "{\"type\":\"void\",\"transferId\":\"" + id("bh2") + "\"}]}");
        assertThat(batch.status()).as(batch.body()).isEqualTo(200);
        assertThat(batch.json().path("items").get(2).path("resolution").path("postedAmount").asText())
                .isEqualTo("7.00");
        assertThat(balance("alice")).isEqualTo(new String[] {"93.00", "0.00", "0.00", "93.00"});
        assertThat(balance("bob")).isEqualTo(new String[] {"7.00", "0.00", "0.00", "7.00"});
    }

    @Test
    void batchesHaveABoundAndMustNotBeEmpty() {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 1001; i++) {
            items.append(i == 0 ? "" : ",").append(item("transfer", "big" + i, "bank", "alice", "0.01"));
        }
        Answer tooBig = http.post("/api/v1/transfers/batch", "{\"atomic\":true,\"items\":[" + items + "]}");
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.code()).isEqualTo("BATCH_TOO_LARGE");
        Answer empty = http.post("/api/v1/transfers/batch", "{\"atomic\":true,\"items\":[]}");
        assertThat(empty.code()).isEqualTo("INVALID_BATCH");
        Answer unknownType = http.post("/api/v1/transfers/batch", "{\"atomic\":true,\"items\":[{\"type\":\"gift\"}]}");
        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(unknownType.code()).isEqualTo("MALFORMED_REQUEST");
    }

    private String item(String type, String name, String debit, String credit, String amount) {
        return "{\"type\":\"" + type + "\",\"id\":\"" + id(name) + "\",\"debitAccountId\":\"" + id(debit)
                + "\",\"creditAccountId\":\"" + id(credit) + "\",\"amount\":\"" + amount + "\",\"currency\":\"EUR\"}";
    }

    private Answer transfer(String name, String debit, String credit, String amount, String extra) {
        return http.post("/api/v1/transfers", "{\"id\":\"" + id(name) + "\",\"debitAccountId\":\"" + id(debit)
                + "\",\"creditAccountId\":\"" + id(credit) + "\",\"amount\":\"" + amount
                + "\",\"currency\":\"EUR\"" + extra + "}");
    }

    private Answer voidHold(String name) {
        return http.send(HttpRequest.newBuilder(http.uri("/api/v1/transfers/" + id(name) + "/void"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** posted, pending debits, pending credits, available. */
    private String[] balance(String name) {
        var balance = http.get("/api/v1/accounts/" + id(name)).json().path("balance");
        return new String[] {balance.path("posted").asText(), balance.path("pendingDebits").asText(),
                balance.path("pendingCredits").asText(), balance.path("available").asText()};
    }

    private long countEvents(String streamId, String eventType) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                + "AND payloadType LIKE ?", Long.class, streamId, "%." + eventType);
    }

    private long ledgerEvents() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier NOT LIKE "
                + "'refusal:%'", Long.class);
    }

    private String id(String name) {
        return name + "-" + run;
    }

    private static void created(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }
}
