package io.ledger.query.balance;

import io.ledger.core.account.AccountView;
import io.ledger.core.transfer.TransferStatus;
import io.ledger.core.transfer.TransferView;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** What only the database store has to get right: its schema, and what survives a trip through a column. */
class JdbcBalanceStoreTest {

    private final JdbcTemplate jdbc = H2ReadModel.freshDatabase();
    private final JdbcBalanceStore store = new JdbcBalanceStore(jdbc);

    @Test
    void migrationsCreateTheEventStoreTokenStoreSnapshotAndReadModelTables() {
        var tables = jdbc.queryForList(
                "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'", String.class);

        assertThat(tables).map(String::toUpperCase).contains("DOMAINEVENTENTRY", "TOKENENTRY", "SNAPSHOTEVENTENTRY",
                "ACCOUNT_BALANCE", "TRANSFER_RECORD");
    }

    @Test
    void keepsTheMillisecondsOfTheInstantAnAccountWasOpened() {
        Instant openedAt = Instant.parse("2024-02-29T23:59:59.987Z");

        store.insertAccount(new AccountView("acc-1", "EUR", "Leap", 0, false, 0, openedAt));

        assertThat(store.findAccount("acc-1")).map(AccountView::openedAt).contains(openedAt);
    }

    @Test
    void keepsTheMillisecondsOfTheInstantATransferWasPosted() {
        Instant postedAt = Instant.parse("2024-12-31T23:59:59.001Z");

        recordBetweenTwoAccounts(transfer("tr-1", Map.of(), postedAt));

        assertThat(store.findTransfer("tr-1")).map(TransferView::postedAt).contains(postedAt);
    }

    @Test
    void keepsTheMicrosecondsAxonsClockRecords() {
        Instant postedAt = Instant.parse("2024-06-15T10:20:30.123456Z");

        recordBetweenTwoAccounts(transfer("tr-1", Map.of(), postedAt));

        assertThat(store.findTransfer("tr-1")).map(TransferView::postedAt).contains(postedAt);
    }

    @Test
    void returnsMetadataWithSeveralEntriesSortedByKey() {
        Map<String, String> unsorted = new LinkedHashMap<>();
        unsorted.put("zone", "eu-west");
        unsorted.put("invoice", "2024-17");
        unsorted.put("customer.ref", "C-0042");
        unsorted.put("batch_id", "b-9");

        recordBetweenTwoAccounts(transfer("tr-1", unsorted, Instant.parse("2024-01-01T00:00:00Z")));

        assertThat(store.findTransfer("tr-1").orElseThrow().metadata()).containsExactly(
                entry("batch_id", "b-9"), entry("customer.ref", "C-0042"), entry("invoice", "2024-17"),
                entry("zone", "eu-west"));
    }

    @Test
    void storesMetadataAsJsonInKeyOrderSoThatItsColumnIsDeterministic() {
        Map<String, String> unsorted = new LinkedHashMap<>();
        unsorted.put("b", "2");
        unsorted.put("a", "1");

        recordBetweenTwoAccounts(transfer("tr-1", unsorted, Instant.parse("2024-01-01T00:00:00Z")));

        assertThat(jdbc.queryForObject("SELECT metadata_json FROM transfer_record WHERE transfer_id = 'tr-1'",
                String.class)).isEqualTo("{\"a\":\"1\",\"b\":\"2\"}");
    }

    @Test
    void keepsMetadataValuesThatNeedEscapingInJson() {
        Map<String, String> awkward = Map.of("note", "says \"hi\", \\ then → ünïcode", "empty", "");

        recordBetweenTwoAccounts(transfer("tr-1", awkward, Instant.parse("2024-01-01T00:00:00Z")));

        assertThat(store.findTransfer("tr-1").orElseThrow().metadata()).isEqualTo(awkward);
    }

    @Test
    void storesNoMetadataAsAnEmptyMap() {
        recordBetweenTwoAccounts(transfer("tr-1", null, Instant.parse("2024-01-01T00:00:00Z")));

        assertThat(store.findTransfer("tr-1").orElseThrow().metadata()).isEmpty();
    }

    @Test
    void givesEachFreshDatabaseNoRowsOfAnotherTest() {
        assertThat(store.allAccounts()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM transfer_record", Long.class)).isZero();
    }

    private void recordBetweenTwoAccounts(TransferView transfer) {
        Instant opened = Instant.parse("2023-01-01T00:00:00Z");
        store.insertAccount(new AccountView("acc-a", "EUR", "A", 0, true, 0, opened));
        store.insertAccount(new AccountView("acc-b", "EUR", "B", 0, false, 0, opened));
        store.recordPostedTransfer(transfer);
    }

    private static TransferView transfer(String transferId, Map<String, String> metadata, Instant postedAt) {
        return new TransferView(transferId, "acc-a", "acc-b", 1_250, "EUR", metadata, TransferStatus.POSTED, postedAt);
    }
}
