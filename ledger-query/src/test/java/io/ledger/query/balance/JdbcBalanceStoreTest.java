package io.ledger.query.balance;

import io.ledger.core.account.AccountView;
import io.ledger.core.transfer.TransferStatus;
import io.ledger.core.transfer.TransferView;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.ledger.core.account.AccountStatus.ACTIVE;
import static io.ledger.core.account.AccountStatus.FROZEN;
import static io.ledger.core.transfer.TransferKind.HOLD;
import static io.ledger.core.transfer.TransferKind.REVERSAL;
import static io.ledger.core.transfer.TransferKind.TRANSFER;
import static io.ledger.core.transfer.TransferStatus.PENDING;
import static io.ledger.core.transfer.TransferStatus.POSTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** What only the database store has to get right: its schema, and what survives a trip through a column. */
class JdbcBalanceStoreTest {

    private static final Instant OPENED = Instant.parse("2023-01-01T00:00:00Z");

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

        store.insertAccount(new AccountView("acc-1", "EUR", "Leap", 0, false, ACTIVE, 0, 0, 0, openedAt));

        assertThat(store.findAccount("acc-1")).map(AccountView::openedAt).contains(openedAt);
    }

    @Test
    void keepsTheMillisecondsOfTheInstantATransferWasCreated() {
        Instant createdAt = Instant.parse("2024-12-31T23:59:59.001Z");

        recordBetweenTwoAccounts(transfer("tr-1", Map.of(), createdAt));

        assertThat(store.findTransfer("tr-1")).map(TransferView::createdAt).contains(createdAt);
    }

    @Test
    void keepsTheMicrosecondsAxonsClockRecords() {
        Instant createdAt = Instant.parse("2024-06-15T10:20:30.123456Z");

        recordBetweenTwoAccounts(transfer("tr-1", Map.of(), createdAt));

        assertThat(store.findTransfer("tr-1")).map(TransferView::createdAt).contains(createdAt);
    }

    @Test
    void keepsTheMicrosecondsOfAHoldsExpiryAndOfItsResolution() {
        Instant expiresAt = Instant.parse("2024-06-16T10:20:30.654321Z");
        Instant resolvedAt = Instant.parse("2024-06-15T11:00:00.000001Z");
        openTwoAccounts();
        store.recordHold(hold("tr-1", expiresAt, Instant.parse("2024-06-15T10:20:30.123456Z")));

        store.resolveHold("tr-1", TransferStatus.VOIDED, 0, resolvedAt);

        assertThat(store.findTransfer("tr-1")).map(TransferView::expiresAt).contains(expiresAt);
        assertThat(store.findTransfer("tr-1")).map(TransferView::resolvedAt).contains(resolvedAt);
    }

    @Test
    void readsBackThatAPostedTransferHasNoExpiryNoResolutionAndReversesNothing() {
        recordBetweenTwoAccounts(transfer("tr-1", Map.of(), Instant.parse("2024-01-01T00:00:00Z")));

        TransferView read = store.findTransfer("tr-1").orElseThrow();

        assertThat(read.expiresAt()).isNull();
        assertThat(read.resolvedAt()).isNull();
        assertThat(read.reversalOf()).isNull();
    }

    @Test
    void storesKindStatusAndAccountStatusAsTheirNames() {
        openTwoAccounts();
        store.recordHold(hold("tr-1", Instant.parse("2024-01-02T00:00:00Z"), Instant.parse("2024-01-01T00:00:00Z")));
        store.recordPostedTransfer(new TransferView("tr-2", REVERSAL, "acc-b", "acc-a", 10, 10, 0, "EUR", Map.of(),
                POSTED, "tr-0", null, Instant.parse("2024-01-01T00:00:01Z"), null));
        store.updateStatus("acc-a", FROZEN);

        assertThat(jdbc.queryForList("SELECT kind || '/' || status || '/' || COALESCE(reversal_of, '-') "
                + "FROM transfer_record ORDER BY transfer_id", String.class))
                .containsExactly("HOLD/PENDING/-", "REVERSAL/POSTED/tr-0");
        assertThat(jdbc.queryForList("SELECT status FROM account_balance ORDER BY account_id", String.class))
                .containsExactly("FROZEN", "ACTIVE");
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

    @Test
    void appliesTheThirdMigrationOnTopOfTheFirstTwo() {
        String url = H2ReadModel.freshUrl();
        Flyway atVersion2 = H2ReadModel.migrate(url, "2");
        assertThat(atVersion2.info().current().getVersion().getVersion()).isEqualTo("2");

        Flyway latest = H2ReadModel.migrate(url, "latest");

        assertThat(latest.info().applied()).extracting(migration -> migration.getVersion().getVersion())
                .contains("3");
        assertThat(Integer.parseInt(latest.info().current().getVersion().getVersion())).isGreaterThanOrEqualTo(3);
        assertThat(latest.info().pending()).isEmpty();
    }

    @Test
    void givesAnAccountRowWrittenBeforeTheThirdMigrationTheStatusActiveAndNothingPending() {
        String url = H2ReadModel.freshUrl();
        H2ReadModel.migrate(url, "2");
        JdbcTemplate version2 = new JdbcTemplate(new DriverManagerDataSource(url, "sa", ""));
        version2.update("INSERT INTO account_balance (account_id, currency, name, overdraft_limit_minor, "
                + "unlimited_overdraft, posted_minor, opened_at) "
                + "VALUES ('acc-old', 'EUR', 'Old', 5000, FALSE, -1234, TIMESTAMP WITH TIME ZONE "
                + "'2023-05-06 07:08:09.123456+00')");

        H2ReadModel.migrate(url, "latest");

        assertThat(new JdbcBalanceStore(version2).findAccount("acc-old")).contains(new AccountView("acc-old", "EUR",
                "Old", 5_000, false, ACTIVE, -1_234, 0, 0, Instant.parse("2023-05-06T07:08:09.123456Z")));
    }

    @Test
    void givesATransferRowWrittenBeforeTheThirdMigrationItsKindPostedAmountAndCreationInstant() {
        String url = H2ReadModel.freshUrl();
        H2ReadModel.migrate(url, "2");
        JdbcTemplate version2 = new JdbcTemplate(new DriverManagerDataSource(url, "sa", ""));
        version2.update("INSERT INTO transfer_record (transfer_id, debit_account_id, credit_account_id, "
                + "amount_minor, currency, metadata_json, status, posted_at) VALUES ('tr-old', 'acc-a', 'acc-b', "
                + "1250, 'EUR', '{\"invoice\":\"7\"}', 'POSTED', TIMESTAMP WITH TIME ZONE "
                + "'2023-05-06 07:08:09.5+00')");

        H2ReadModel.migrate(url, "latest");

        assertThat(new JdbcBalanceStore(version2).findTransfer("tr-old")).contains(new TransferView("tr-old",
                TRANSFER, "acc-a", "acc-b", 1_250, 1_250, 0, "EUR", Map.of("invoice", "7"), POSTED, null, null,
                Instant.parse("2023-05-06T07:08:09.500Z"), null));
    }

    @Test
    void keepsProjectingOntoAccountRowsWrittenBeforeTheThirdMigration() {
        String url = H2ReadModel.freshUrl();
        H2ReadModel.migrate(url, "2");
        JdbcTemplate version2 = new JdbcTemplate(new DriverManagerDataSource(url, "sa", ""));
        for (String accountId : new String[] {"acc-a", "acc-b"}) {
            version2.update("INSERT INTO account_balance (account_id, currency, name, overdraft_limit_minor, "
                    + "unlimited_overdraft, posted_minor, opened_at) VALUES (?, 'EUR', ?, 0, TRUE, 0, "
                    + "TIMESTAMP WITH TIME ZONE '2023-01-01 00:00:00+00')", accountId, accountId);
        }
        H2ReadModel.migrate(url, "latest");
        JdbcBalanceStore migrated = new JdbcBalanceStore(version2);

        migrated.recordHold(hold("tr-1", Instant.parse("2024-01-02T00:00:00Z"), Instant.parse("2024-01-01T00:00:00Z")));
        migrated.resolveHold("tr-1", POSTED, 400, Instant.parse("2024-01-01T12:00:00Z"));

        assertThat(migrated.allAccounts()).containsExactly(
                new AccountView("acc-a", "EUR", "acc-a", 0, true, ACTIVE, -400, 0, 0, OPENED),
                new AccountView("acc-b", "EUR", "acc-b", 0, true, ACTIVE, 400, 0, 0, OPENED));
    }

    private void openTwoAccounts() {
        store.insertAccount(new AccountView("acc-a", "EUR", "A", 0, true, ACTIVE, 0, 0, 0, OPENED));
        store.insertAccount(new AccountView("acc-b", "EUR", "B", 0, false, ACTIVE, 0, 0, 0, OPENED));
    }

    private void recordBetweenTwoAccounts(TransferView transfer) {
        openTwoAccounts();
        store.recordPostedTransfer(transfer);
    }

    private static TransferView transfer(String transferId, Map<String, String> metadata, Instant createdAt) {
        return new TransferView(transferId, TRANSFER, "acc-a", "acc-b", 1_250, 1_250, 0, "EUR", metadata, POSTED,
                null, null, createdAt, null);
    }

    private static TransferView hold(String transferId, Instant expiresAt, Instant createdAt) {
        return new TransferView(transferId, HOLD, "acc-a", "acc-b", 1_000, 0, 0, "EUR", Map.of(), PENDING, null,
                expiresAt, createdAt, null);
    }
}
