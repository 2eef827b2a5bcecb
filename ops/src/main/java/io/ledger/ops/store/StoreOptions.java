package io.ledger.ops.store;

import picocli.CommandLine.Option;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * Where the event store is and how to reach it, shared by every command that reads it. Values come from options
 * or from the same environment variables the service reads ({@code LEDGER_DB_URL}, {@code LEDGER_DB_USER},
 * {@code LEDGER_DB_PASSWORD}), so an operator points both at one database the same way.
 *
 * <p>Every connection is opened read-only: the tool must never write to, lock or migrate the live store. On
 * PostgreSQL the session is made read-only in the database as well, so that even a bug in the tool cannot write;
 * the strongest guarantee is still to give the tool a database user that has SELECT rights only.
 */
public final class StoreOptions {

    /** The service's embedded default; AUTO_SERVER lets the tool read it while the service holds the file. */
    static final String DEFAULT_URL = "jdbc:h2:file:./data/ledger;AUTO_SERVER=TRUE";

    @Option(names = "--db-url", paramLabel = "JDBC_URL", defaultValue = "${env:LEDGER_DB_URL:-" + DEFAULT_URL + "}",
            description = "JDBC URL of the event store (env LEDGER_DB_URL; default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--db-user", paramLabel = "USER", defaultValue = "${env:LEDGER_DB_USER:-sa}",
            description = "Database user (env LEDGER_DB_USER). A user with SELECT rights only is enough.")
    String user;

    @Option(names = "--db-password", paramLabel = "PASSWORD", defaultValue = "${env:LEDGER_DB_PASSWORD:-}",
            description = "Database password (env LEDGER_DB_PASSWORD; prefer the variable to the option, which "
                    + "other users of the machine can see in the process list).")
    String password;

    public String url() {
        return url;
    }

    /** Opens a connection that refuses writes. */
    public Connection openReadOnly() throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", user);
        credentials.setProperty("password", password == null ? "" : password);
        Connection connection = DriverManager.getConnection(jdbcUrl(), credentials);
        try {
            connection.setReadOnly(true);
            if (isPostgres()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
                }
            }
            return connection;
        } catch (SQLException | RuntimeException failure) {
            connection.close();
            throw failure;
        }
    }

    /**
     * The URL the tool connects with. An H2 file that no process holds (no lock file next to it: the service is
     * stopped) is opened with ACCESS_MODE_DATA=r and without AUTO_SERVER: opened read-write, H2's background
     * writer compacts the file (it rewrote chunks of a 1.5 GB store during a replay), which would be a write to
     * the live store. A held file is read through its holder (AUTO_SERVER), which is the service.
     */
    String jdbcUrl() {
        String prefix = "jdbc:h2:file:";
        if (!url.startsWith(prefix)) {
            return url;
        }
        String[] parts = url.substring(prefix.length()).split(";");
        if (Files.exists(Path.of(parts[0] + ".lock.db"))) {
            return url;
        }
        StringBuilder readOnly = new StringBuilder(prefix).append(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            String setting = parts[i].toUpperCase(Locale.ROOT);
            if (!setting.startsWith("AUTO_SERVER") && !setting.startsWith("ACCESS_MODE_DATA") && !parts[i].isEmpty()) {
                readOnly.append(';').append(parts[i]);
            }
        }
        return readOnly.append(";ACCESS_MODE_DATA=r").toString();
    }

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }
}
