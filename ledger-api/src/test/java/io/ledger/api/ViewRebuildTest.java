package io.ledger.api;

import io.ledger.api.HttpClientSupport.Answer;
import io.ledger.core.StreamIds;
import io.ledger.core.account.AccountCreditedEvent;
import io.ledger.core.account.AccountDebitedEvent;
import io.ledger.core.account.AccountView;
import io.ledger.query.balance.BalanceStore;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rebuilding the balance view under load: reads and writes keep working while it is rebuilt, no read ever fails
 * or sees a half-built view, and the rebuilt view equals what the events say.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:ledger-rebuild;DB_CLOSE_DELAY=-1")
class ViewRebuildTest {

    private static final List<String> ACCOUNTS = List.of("rb-a", "rb-b", "rb-c");

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    BalanceStore balances;
    @Autowired
    DataSource dataSource;

    @Test
    void theViewIsRebuiltTwiceUnderLoadWithoutAFailedReadAndEndsEqualToTheEvents() throws Exception {
        HttpClientSupport http = new HttpClientSupport("http://localhost:" + port);
        ok(http.post("/api/v1/accounts", "{\"id\":\"rb-bank\",\"currency\":\"EUR\",\"name\":\"Bank\","
                + "\"unlimitedOverdraft\":true}"));
        for (String account : ACCOUNTS) {
            ok(http.post("/api/v1/accounts", "{\"id\":\"" + account + "\",\"currency\":\"EUR\",\"name\":\"X\"}"));
        }
        for (int i = 0; i < 150; i++) {
            ok(transfer(http, "pre-" + i, "rb-bank", ACCOUNTS.get(i % 3), "1.00"));
        }

        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger writes = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        Thread writer = new Thread(() -> {
            for (int i = 0; loading.get(); i++) {
                Answer answer = transfer(http, "during-" + i, ACCOUNTS.get(i % 3), "rb-bank", "0.01");
                if (answer.status() / 100 == 2) {
                    writes.incrementAndGet();
                } else {
                    failures.add("write " + answer.status() + " " + answer.body());
                }
            }
        });
        Thread reader = new Thread(() -> {
            while (loading.get()) {
                for (String account : ACCOUNTS) {
                    Answer answer = http.get("/api/v1/accounts/" + account);
                    if (answer.status() != 200) {
                        failures.add("read " + answer.status() + " " + answer.body());
                    }
                    reads.incrementAndGet();
                }
                Answer trial = http.get("/api/v1/reports/trial-balance");
                if (trial.status() != 200 || !trial.json().path("balanced").asBoolean()) {
                    failures.add("trial balance " + trial.body());
                }
            }
        });
        Map<String, Set<String>> migratedIndexes = viewIndexes();
        writer.start();
        reader.start();
        Thread.sleep(300);

        Answer first = http.post("/api/v1/admin/projections/balances/rebuild", "");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("activeSet").asText()).isEqualTo("b");
        assertThat(first.json().path("eventsReplayed").asLong()).isGreaterThan(150);
        Thread.sleep(300);
        Answer second = http.post("/api/v1/admin/projections/balances/rebuild", "");
        assertThat(second.json().path("activeSet").asText()).isEqualTo("a");
        Thread.sleep(300);

        loading.set(false);
        writer.join();
        reader.join();
        assertThat(failures).isEmpty();
        assertThat(writes.get()).isPositive();
        assertThat(reads.get()).isPositive();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String account : ACCOUNTS) {
                assertThat(balances.findAccount(account).map(AccountView::postedMinor))
                        .as(account).hasValue(balanceFromEvents(account));
            }
        });
        http.assertBooksBalance();
        assertThat(viewIndexes()).as("each rebuild drops its set's indexes and builds them again")
                .isEqualTo(migratedIndexes);
    }

    /** Every index of the balance view's tables in both sets, by table, as the driver's metadata lists them. */
    private Map<String, Set<String>> viewIndexes() throws SQLException {
        Map<String, Set<String>> byTable = new TreeMap<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();
            for (String table : List.of("account_balance", "transfer_record", "statement_entry",
                    "statement_transfer_metadata")) {
                for (String suffix : List.of("", "_b")) {
                    String name = metaData.storesUpperCaseIdentifiers()
                            ? (table + suffix).toUpperCase(Locale.ROOT) : table + suffix;
                    Set<String> indexes = new TreeSet<>();
                    try (ResultSet rows = metaData.getIndexInfo(null, null, name, false, false)) {
                        while (rows.next()) {
                            String index = rows.getString("INDEX_NAME");
                            if (index != null) {
                                indexes.add(index.toLowerCase(Locale.ROOT) + ":" + rows.getShort("ORDINAL_POSITION")
                                        + ":" + rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                            }
                        }
                    }
                    byTable.put(name, indexes);
                }
            }
        }
        assertThat(byTable.get(byTable.keySet().stream().filter(t -> t.equalsIgnoreCase("statement_entry_b"))
                .findFirst().orElseThrow())).as("the driver lists indexes").hasSizeGreaterThan(5);
        return byTable;
    }

    private long balanceFromEvents(String accountId) {
        long balance = 0;
        for (DomainEventMessage<?> event : eventStore.readEvents(StreamIds.account(accountId)).asStream().toList()) {
            if (event.getPayload() instanceof AccountCreditedEvent credited) {
                balance += credited.amountMinor();
            } else if (event.getPayload() instanceof AccountDebitedEvent debited) {
                balance -= debited.amountMinor();
            }
        }
        return balance;
    }

    private static Answer transfer(HttpClientSupport http, String id, String debit, String credit, String amount) {
        return http.post("/api/v1/transfers", "{\"id\":\"" + id + "\",\"debitAccountId\":\"" + debit
                + "\",\"creditAccountId\":\"" + credit + "\",\"amount\":\"" + amount + "\",\"currency\":\"EUR\"}");
    }

    private static void ok(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isBetween(200, 201);
    }
}
