package io.ledger.ops.audit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link VerifyChainCommandTest} on a real PostgreSQL server (zonky's embedded binaries), the production store:
 * bytea columns, identity columns and REPEATABLE READ behave as they do there.
 */
class VerifyChainCommandOnPostgresTest extends VerifyChainCommandTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    @Override
    ChainedStore newStore() throws SQLException {
        String database = "verify_chain_" + DATABASES.incrementAndGet();
        try (Connection admin = server().getPostgresDatabase().getConnection();
             Statement create = admin.createStatement()) {
            create.execute("CREATE DATABASE " + database);
        }
        return new ChainedStore("jdbc:postgresql://localhost:" + server().getPort() + "/" + database, "postgres");
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start();
            } catch (IOException failure) {
                throw new UncheckedIOException("Could not start embedded PostgreSQL", failure);
            }
        }
        return server;
    }
}
