package io.ledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledger.api.HttpClientSupport.Answer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reconciliation check passes on a healthy store and flags an event that a view skipped. A skip is made by
 * hand: a position of the global index is used by a transaction that rolls back, the views pass it (with a
 * maximum gap offset of 3 they give up on it after four later events), and then an event is written at exactly
 * that position by SQL, behind the views' processors.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:ledger-reconciliation;DB_CLOSE_DELAY=-1",
                "ledger.store.max-gap-offset=3", "ledger.store.reconciliation-interval=1h"})
class ReconciliationHttpTest {

    private static final String COPY_OF_AN_EVENT = "SELECT ?, 'ghost-event', 'account:ghost', 0, type, timeStamp, "
            + "payloadType, payloadRevision, payload, metaData FROM DomainEventEntry "
            + "WHERE aggregateIdentifier = 'account:rc-bank' AND sequenceNumber = 0";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    MeterRegistry meters;

    HttpClientSupport http;

    @BeforeEach
    void setUp() {
        http = new HttpClientSupport("http://localhost:" + port);
    }

    @Test
    void aHealthyStorePassesAndAnEventWrittenBehindTheViewsIsReportedAsSkipped() {
        openAccount("rc-bank", ",\"unlimitedOverdraft\":true");
        openAccount("rc-alice", "");
        assertThat(http.post("/api/v1/transfers", "{\"id\":\"rc-fund\",\"debitAccountId\":\"rc-bank\","
                + "\"creditAccountId\":\"rc-alice\",\"amount\":\"10.00\",\"currency\":\"EUR\"}").status())
                .isEqualTo(201);

        Answer healthy = http.get("/api/v1/admin/reconciliation");
        assertThat(healthy.status()).as(healthy.body()).isEqualTo(200);
        assertThat(healthy.json().path("consistent").asBoolean()).isTrue();
        assertThat(healthy.json().path("skippedEvents")).isEmpty();
        assertThat(viewNames(healthy.json())).containsExactly("balances", "compliance");

        long position = positionOfARolledBackInsert();
        for (int n = 0; n < 5; n++) {
            openAccount("rc-later-" + n, "");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode report = http.get("/api/v1/admin/reconciliation").json();
            assertThat(report.path("consistent").asBoolean()).isTrue();
            report.path("views").forEach(view -> assertThat(view.path("droppedPositions").asLong())
                    .as(view.toString()).isGreaterThanOrEqualTo(1));
        });

        jdbc.update("INSERT INTO DomainEventEntry (globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber, "
                + "type, timeStamp, payloadType, payloadRevision, payload, metaData) " + COPY_OF_AN_EVENT, position);

        Answer failed = http.get("/api/v1/admin/reconciliation");
        assertThat(failed.status()).as(failed.body()).isEqualTo(500);
        assertThat(failed.contentType()).startsWith("application/problem+json");
        assertThat(failed.code()).isEqualTo("RECONCILIATION_FAILED");
        assertThat(failed.json().path("skippedEvents")).hasSize(2).allSatisfy(skipped -> {
            assertThat(skipped.path("globalIndex").asLong()).isEqualTo(position);
            assertThat(skipped.path("streamId").asText()).isEqualTo("account:ghost");
        });
        assertThat(failed.json().path("skippedEvents").findValuesAsText("view"))
                .containsExactly("balances", "compliance");
        assertThat(http.get("/actuator/health").json().path("status").asText()).isEqualTo("DOWN");
        assertThat(meters.get("ledger.reconciliation.skipped.events").gauge().value()).isEqualTo(2.0);
        assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    /** Uses one position of the global index in a transaction that rolls back, and returns it. */
    private long positionOfARolledBackInsert() {
        Long position = transactions.execute(status -> {
            jdbc.update("INSERT INTO DomainEventEntry (eventIdentifier, aggregateIdentifier, sequenceNumber, type, "
                    + "timeStamp, payloadType, payloadRevision, payload, metaData) "
                    + COPY_OF_AN_EVENT.replace("SELECT ?, ", "SELECT "));
            Long used = jdbc.queryForObject(
                    "SELECT globalIndex FROM DomainEventEntry WHERE eventIdentifier = 'ghost-event'", Long.class);
            status.setRollbackOnly();
            return used;
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE globalIndex = ?", Long.class,
                position)).isZero();
        return position;
    }

    private void openAccount(String id, String extra) {
        Answer answer = http.post("/api/v1/accounts",
                "{\"id\":\"" + id + "\",\"currency\":\"EUR\",\"name\":\"" + id + "\"" + extra + "}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    private static List<String> viewNames(JsonNode report) {
        List<String> names = new ArrayList<>();
        report.path("views").forEach(view -> names.add(view.path("view").asText()));
        return names;
    }
}
