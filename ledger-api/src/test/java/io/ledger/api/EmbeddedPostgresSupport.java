package io.ledger.api;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server (zonky's embedded binaries, from Maven) for the whole test run, and a fresh database
 * on it for each test class. Nothing needs to be installed on the machine.
 *
 * <p>Commits are synchronous here, as in production: zonky starts PostgreSQL with synchronous_commit off, which
 * would let a test pass on behaviour a durable setup does not have.
 */
final class EmbeddedPostgresSupport {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private EmbeddedPostgresSupport() {
    }

    /** Points the Spring context under test at a new, empty database. */
    static void useFreshDatabase(DynamicPropertyRegistry registry) {
        String url = freshDatabaseUrl();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    /** Creates a new, empty database and returns its JDBC URL (user postgres, no password). */
    static String freshDatabaseUrl() {
        String database = "ledger_test_" + DATABASES.incrementAndGet();
        EmbeddedPostgres postgres = server();
        try (Connection admin = postgres.getPostgresDatabase().getConnection();
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException failure) {
            throw new IllegalStateException("Could not create test database " + database, failure);
        }
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("max_connections", "300")
                        .start();
            } catch (IOException failure) {
                throw new UncheckedIOException("Could not start embedded PostgreSQL", failure);
            }
        }
        return server;
    }
}
