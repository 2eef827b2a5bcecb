package io.ledger.harness;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server from zonky's Maven-packaged binaries, with durable commits: zonky starts PostgreSQL
 * with synchronous_commit off, which would make every durability claim and every throughput figure a lie.
 */
public final class PostgresServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static PostgresServer start() throws IOException {
        return start(false);
    }

    /**
     * @param statementStatistics also load pg_stat_statements (it must be loaded at start), so that a benchmark
     *                            can count the statements a workload runs
     */
    public static PostgresServer start(boolean statementStatistics) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setServerConfig("max_connections", "300");
        if (statementStatistics) {
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        return new PostgresServer(builder.start());
    }

    /** Creates an empty database and returns its JDBC URL; the user is {@code postgres} with no password. */
    public String createDatabase(String name) throws SQLException {
        try (Connection admin = postgres.getPostgresDatabase().getConnection();
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return jdbcUrl(name);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    public EmbeddedPostgres embedded() {
        return postgres;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
