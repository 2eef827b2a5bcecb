package io.ledger.api;

import io.ledger.api.HttpClientSupport.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each node keeps the accounts it used in its cache; here the other node changes them behind its back, and every
 * answer must still be the one the stored state gives. Node one always acts on an account it has cached, after
 * node two has written to that account.
 */
class CachedAccountsOnTwoNodesOnPostgresTest {

    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();
    private HttpClientSupport one;
    private HttpClientSupport two;

    @BeforeEach
    void startTwoNodes() {
        String url = EmbeddedPostgresSupport.freshDatabaseUrl();
        one = start(url, "node-1");
        two = start(url, "node-2");
        answered(201, one.post("/api/v1/accounts",
                "{\"id\":\"bank\",\"currency\":\"EUR\",\"name\":\"Bank\",\"unlimitedOverdraft\":true}"));
        for (String account : List.of("x", "y")) {
            answered(201, one.post("/api/v1/accounts", "{\"id\":\"" + account + "\",\"currency\":\"EUR\","
                    + "\"name\":\"X\"}"));
        }
        answered(201, one.post("/api/v1/transfers", transfer("fund-x", "bank", "x", "100.00")));
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void aRefusalOnACachedAccountThatIsBehindIsDecidedAgainOnTheStoredState() {
        answered(201, one.post("/api/v1/transfers", transfer("t1", "x", "y", "100.00")));
        // Node one's cache: x holds 0.00. Node two pays 50.00 into it.
        answered(201, two.post("/api/v1/transfers", transfer("t2", "bank", "x", "50.00")));

        answered(201, one.post("/api/v1/transfers", transfer("t3", "x", "y", "30.00")));
        assertThat(posted(two, "x")).isEqualTo("20.00");
    }

    @Test
    void aTransferOnACachedAccountThatIsBehindConflictsAndIsDecidedOnTheStoredState() {
        // Node one's cache: x holds 100.00. Node two spends 80.00 of it.
        answered(201, two.post("/api/v1/transfers", transfer("t1", "x", "y", "80.00")));

        Answer refused = one.post("/api/v1/transfers", transfer("t2", "x", "y", "50.00"));
        answered(422, refused);
        assertThat(refused.code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(posted(one, "x")).isEqualTo("20.00");
        one.assertBooksBalance();
    }

    @Test
    void aRepeatOnACachedAccountThatIsBehindIsDecidedAgainOnTheStoredState() {
        answered(200, one.post("/api/v1/accounts/x/freeze", "{\"reason\":\"case 1\"}"));
        // Node one's cache: x is frozen. Node two unfreezes it.
        answered(200, two.post("/api/v1/accounts/x/unfreeze", "{\"reason\":\"cleared\"}"));

        // Decided on the cached state, this freeze would be a repeat that writes nothing and leaves x unfrozen
        // (the answer, 200 FROZEN, looks the same either way); the stored state says it is new.
        answered(200, one.post("/api/v1/accounts/x/freeze", "{\"reason\":\"case 2\"}"));
        Answer refused = two.post("/api/v1/transfers", transfer("t1", "x", "y", "1.00"));
        answered(409, refused);
        assertThat(refused.code()).isEqualTo("ACCOUNT_FROZEN");
    }

    private static String posted(HttpClientSupport node, String account) {
        return node.get("/api/v1/accounts/" + account).json().path("balance").path("posted").asText();
    }

    private HttpClientSupport start(String url, String name) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(LedgerApplication.class).run(
                "--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                "--spring.datasource.password=", "--spring.application.name=" + name, "--ledger.node-id=" + name,
                "--spring.jmx.enabled=false");
        nodes.add(context);
        return new HttpClientSupport("http://localhost:" + ((WebServerApplicationContext) context).getWebServer()
                .getPort());
    }

    private static String transfer(String id, String debit, String credit, String amount) {
        return "{\"id\":\"" + id + "\",\"debitAccountId\":\"" + debit + "\",\"creditAccountId\":\"" + credit
                + "\",\"amount\":\"" + amount + "\",\"currency\":\"EUR\"}";
    }

    private static void answered(int status, Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    }
}
