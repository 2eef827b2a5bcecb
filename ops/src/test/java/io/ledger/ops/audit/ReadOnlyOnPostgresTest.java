package io.ledger.ops.audit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The never-writes claim on a real PostgreSQL (zonky's embedded server, commits synchronous as in production):
 * every audit subcommand runs with a role that may only SELECT, and the store is byte-for-byte unchanged in every
 * table's row count and content checksum afterwards.
 */
class ReadOnlyOnPostgresTest {

    private static EmbeddedPostgres postgres;
    private static String url;

    @BeforeAll
    static void aLedgerDatabaseAndAnAuditorWhoMayOnlyRead() throws Exception {
        postgres = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start();
        try (Connection admin = postgres.getPostgresDatabase().getConnection();
             Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE ledger");
        }
        url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/ledger";
        EventStoreWriter.migrate(url, "postgres", "");
        TestStores.fill(url, "postgres", "", 3, 5, 800);
        try (Connection owner = DriverManager.getConnection(url, "postgres", "");
             Statement sql = owner.createStatement()) {
            sql.execute("CREATE ROLE auditor LOGIN PASSWORD 'audit-only'");
            sql.execute("GRANT CONNECT ON DATABASE ledger TO auditor");
            sql.execute("GRANT USAGE ON SCHEMA public TO auditor");
            sql.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO auditor");
            sql.execute("INSERT INTO TokenEntry (processorName, segment, token, tokenType) VALUES "
                    + "('balances', 0, NULL, NULL), ('compliance', 0, NULL, NULL)");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void theSelectOnlyRoleReallyCannotWrite() throws Exception {
        try (Connection auditor = DriverManager.getConnection(url, "auditor", "audit-only");
             Statement sql = auditor.createStatement()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> sql.execute("DELETE FROM DomainEventEntry"))
                    .hasMessageContaining("permission denied");
        }
    }

    @Test
    void everySubcommandWorksWithTheSelectOnlyRoleAndLeavesTheStoreUnchanged() throws Exception {
        String before = fingerprint();

        AuditRun replay = asAuditor("audit", "replay", "--until", "2030-01-01T00:00:00Z", "--format", "json");
        AuditRun diff = asAuditor("audit", "diff", "--from", TestStores.START.toString(), "--to",
                "2030-01-01T00:00:00Z", "--format", "csv");
        AuditRun verify = asAuditor("audit", "verify");

        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("\"accounts\"", "eur-customer-0");
        assertThat(diff.exitCode()).as(diff.err()).isZero();
        assertThat(diff.out()).contains("entry,");
        assertThat(verify.exitCode()).as(verify.out() + verify.err())
                .as("views that applied nothing are compared at position 0").isZero();
        assertThat(fingerprint()).isEqualTo(before);
    }

    private static AuditRun asAuditor(String... args) {
        String[] quiet = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of(
                "--quiet")).toArray(String[]::new);
        return AuditRun.withCredentials(url, "auditor", "audit-only", quiet);
    }

    /** Row count and an md5 over every row of every table: any write would change it. */
    private static String fingerprint() throws Exception {
        StringBuilder print = new StringBuilder();
        try (Connection owner = DriverManager.getConnection(url, "postgres", "");
             Statement sql = owner.createStatement();
             ResultSet tables = owner.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
            java.util.List<String> names = new java.util.ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString("TABLE_NAME"));
            }
            java.util.Collections.sort(names);
            for (String table : names) {
                try (ResultSet rows = sql.executeQuery("SELECT count(*), md5(coalesce(string_agg(t::text, '|' "
                        + "ORDER BY t::text), '')) FROM " + table + " t")) {
                    rows.next();
                    print.append(table).append(' ').append(rows.getLong(1)).append(' ').append(rows.getString(2))
                            .append('\n');
                }
            }
        }
        assertThat(print.toString()).contains("domainevententry 8");
        return print.toString();
    }
}
