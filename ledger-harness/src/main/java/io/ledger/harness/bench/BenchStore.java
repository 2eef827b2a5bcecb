package io.ledger.harness.bench;

import io.ledger.harness.PostgresServer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the ledger and the anchor keep their data. H2: the service's embedded file database (commits written
 * before they return, WRITE_DELAY=0) and, for the anchor, an H2 file database of the same kind in the harness.
 * PostgreSQL: one server with synchronous_commit on, a database for the service and one for the anchor.
 */
public final class BenchStore implements AutoCloseable {

    private final String name;
    private final String durability;
    private final JdbcAnchor anchor;
    private final List<String> serviceArguments;
    private final PostgresServer postgres;
    private final String ledgerUrl;

    private BenchStore(String name, String durability, JdbcAnchor anchor, List<String> serviceArguments,
                       PostgresServer postgres, String ledgerUrl) {
        this.name = name;
        this.durability = durability;
        this.anchor = anchor;
        this.serviceArguments = serviceArguments;
        this.postgres = postgres;
        this.ledgerUrl = ledgerUrl;
    }

    /** @param countStatements on PostgreSQL, load pg_stat_statements so that {@code --cost} can count statements */
    public static BenchStore open(String store, Path workDir, boolean countStatements) throws Exception {
        if ("h2".equalsIgnoreCase(store)) {
            String anchorUrl = "jdbc:h2:file:" + workDir.resolve("anchor").toAbsolutePath() + "/anchor;WRITE_DELAY=0";
            return new BenchStore("h2", "H2 file databases with WRITE_DELAY=0: every commit is written to the file "
                    + "before it returns (no fsync: H2 leaves that to the operating system)",
                    new JdbcAnchor(anchorUrl, "sa", ""),
                    List.of("--ledger.data-dir=" + workDir.resolve("ledger-data").toAbsolutePath()), null, null);
        }
        if ("postgresql".equalsIgnoreCase(store) || "postgres".equalsIgnoreCase(store)) {
            PostgresServer server = PostgresServer.start(countStatements);
            String ledgerUrl = server.createDatabase("ledger");
            String anchorUrl = server.createDatabase("anchor");
            return new BenchStore("postgresql", "PostgreSQL (zonky embedded) with synchronous_commit=on and "
                    + "fsync=on: every acknowledged commit is flushed to disk, for the ledger and the anchor alike",
                    new JdbcAnchor(anchorUrl, "postgres", ""),
                    List.of("--ledger.data-dir=" + workDir.resolve("ledger-data").toAbsolutePath(),
                            "--spring.datasource.url=" + ledgerUrl, "--spring.datasource.username=postgres",
                            "--spring.datasource.password="), server, ledgerUrl);
        }
        throw new IllegalArgumentException("Unknown store " + store + "; h2 or postgresql");
    }

    public String name() {
        return name;
    }

    public String durability() {
        return durability;
    }

    public JdbcAnchor anchor() {
        return anchor;
    }

    /** The ledger's database on PostgreSQL (user postgres, no password); null on H2. */
    public String ledgerUrl() {
        return ledgerUrl;
    }

    public List<String> serviceArguments() {
        return serviceArguments;
    }

    @Override
    public void close() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }
}
