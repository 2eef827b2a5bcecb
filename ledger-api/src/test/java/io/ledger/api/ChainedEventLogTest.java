package io.ledger.api;

import io.ledger.api.HttpClientSupport.Answer;
import io.ledger.api.chain.StreamHeadCache;
import io.ledger.core.StreamIds;
import io.ledger.core.chain.EventHash;
import io.ledger.query.chain.EventLog;
import io.ledger.query.chain.StoredEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event the service appends carries its stream's chain hash, computed over exactly what was stored: a
 * recomputation from the stored rows alone, with the same code the audit tool uses, gives the stored hashes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:ledger-chain;DB_CLOSE_DELAY=-1")
class ChainedEventLogTest {

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StreamHeadCache streamHeads;

    HttpClientSupport http;
    String run;

    @BeforeEach
    void setUp() {
        http = new HttpClientSupport("http://localhost:" + port);
        run = UUID.randomUUID().toString().substring(0, 8);
        ok(http.post("/api/v1/accounts", "{\"id\":\"" + id("bank") + "\",\"currency\":\"EUR\",\"name\":\"Bank\","
                + "\"unlimitedOverdraft\":true}"));
        ok(http.post("/api/v1/accounts", "{\"id\":\"" + id("alice") + "\",\"currency\":\"EUR\",\"name\":\"A\"}"));
    }

    @Test
    void everyAppendedEventCarriesTheHashThatChainsItToItsStream() throws SQLException {
        ok(transfer("t1", "bank", "alice", "100.00", ""));
        ok(transfer("t2", "alice", "bank", "2.50", ",\"metadata\":{\"invoice\":\"INV-\\u00e9\\\"7\"}"));
        ok(transfer("h1", "alice", "bank", "10.00", ",\"pending\":true,\"timeoutSeconds\":3600"));
        ok(http.post("/api/v1/transfers/" + id("h1") + "/post", "{\"amount\":\"4.00\"}"));
        ok(http.post("/api/v1/transfers/batch", "{\"atomic\":true,\"items\":["
                + item("b1", "1.00") + "," + item("b2", "2.00") + "]}"));
        Answer refused = transfer("t3", "alice", "bank", "5000.00", "");
        assertThat(refused.code()).isEqualTo("INSUFFICIENT_FUNDS");

        List<StoredEvent> events = eventsOfThisTest();
        assertThat(events).extracting(StoredEvent::aggregateIdentifier)
                .contains(StreamIds.account(id("alice")), StreamIds.transfer(id("b2")))
                .anySatisfy(stream -> assertThat(stream).startsWith(StreamIds.REFUSAL_PREFIX));
        assertThat(events).allSatisfy(stored -> assertThat(stored.chainHash()).hasSize(EventHash.LENGTH_BYTES));
        assertThat(mismatches(events)).isEmpty();
    }

    @Test
    void aStreamStoredBeforeTheChainExistedIsChainedOntoItsRecomputedHistory() throws SQLException {
        String alice = StreamIds.account(id("alice"));
        // As if alice's opening had been stored before migration V9 added the chain.
        assertThat(jdbc.update("UPDATE DomainEventEntry SET chainHash = NULL WHERE aggregateIdentifier = ?", alice))
                .isEqualTo(1);
        // This node still remembers the hash it wrote for the opening; a node that never saw it reads the row.
        streamHeads.forgetAll();

        ok(transfer("t1", "bank", "alice", "1.00", ""));

        List<StoredEvent> stream = eventsOfThisTest().stream().filter(e -> e.aggregateIdentifier().equals(alice)).toList();
        assertThat(stream).hasSize(2);
        byte[] opening = EventHash.of(EventHash.genesis(), stream.get(0).event());
        assertThat(stream.get(1).chainHash()).isEqualTo(EventHash.of(opening, stream.get(1).event()));
    }

    @Test
    void aRecomputationNoticesAStoredPayloadThatNoLongerMatchesItsHash() throws SQLException {
        ok(transfer("t1", "bank", "alice", "7.00", ""));
        String transfer = StreamIds.transfer(id("t1"));
        jdbc.update("UPDATE DomainEventEntry SET payload = ? WHERE aggregateIdentifier = ?",
                "{\"amount\":\"700.00\"}".getBytes(StandardCharsets.UTF_8), transfer);

        assertThat(mismatches(eventsOfThisTest())).containsExactly(transfer + "#0");
    }

    /** Recomputes each stream's chain from its stored rows; names the events whose stored hash differs. */
    static List<String> mismatches(List<StoredEvent> events) {
        Map<String, byte[]> lastHash = new HashMap<>();
        List<String> mismatched = new ArrayList<>();
        for (StoredEvent stored : events) {
            byte[] previous = lastHash.getOrDefault(stored.aggregateIdentifier(), EventHash.genesis());
            byte[] expected = EventHash.of(previous, stored.event());
            if (!EventHash.matches(expected, stored.chainHash())) {
                mismatched.add(stored.aggregateIdentifier() + "#" + stored.sequenceNumber());
            }
            lastHash.put(stored.aggregateIdentifier(), stored.chainHash());
        }
        return mismatched;
    }

    /**
     * The tests share one database, and some of them alter rows: each looks only at the events it caused (its own
     * streams, and refusal streams, which are named by a random id but mention the refused transfer).
     */
    private List<StoredEvent> eventsOfThisTest() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return EventLog.pageAfter(connection, 0, 100_000).stream()
                    .filter(stored -> stored.aggregateIdentifier().endsWith("-" + run)
                            || new String(stored.event().payload(), StandardCharsets.UTF_8).contains("-" + run))
                    .toList();
        }
    }

    private Answer transfer(String transferId, String debit, String credit, String amount, String extra) {
        return http.post("/api/v1/transfers", "{\"id\":\"" + id(transferId) + "\",\"debitAccountId\":\"" + id(debit)
                + "\",\"creditAccountId\":\"" + id(credit) + "\",\"amount\":\"" + amount + "\",\"currency\":\"EUR\""
                + extra + "}");
    }

    private String item(String transferId, String amount) {
        return "{\"type\":\"transfer\",\"id\":\"" + id(transferId) + "\",\"debitAccountId\":\"" + id("alice")
                + "\",\"creditAccountId\":\"" + id("bank") + "\",\"amount\":\"" + amount + "\",\"currency\":\"EUR\"}";
    }

    private String id(String name) {
        return name + "-" + run;
    }

    private static void ok(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isBetween(200, 201);
    }
}
