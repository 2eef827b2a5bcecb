package io.ledger.harness.bank;

import io.ledger.harness.PostgresServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Crashes PostgreSQL itself and starts it again on the same data directory and port: {@code pg_ctl stop -m
 * immediate} ends every server process without a checkpoint (as a power cut would, short of losing the OS cache),
 * so the next start replays the write-ahead log. The start uses {@code pg_ctl restart}, which reuses the options
 * of the previous start recorded in {@code postmaster.opts} (port, synchronous_commit, ...), whether or not a
 * server is running.
 */
final class PostgresCrash {

    private final Path pgCtl;
    private final Path dataDirectory;
    private final Path log;

    private PostgresCrash(Path pgCtl, Path dataDirectory, Path log) {
        this.pgCtl = pgCtl;
        this.dataDirectory = dataDirectory;
        this.log = log;
    }

    /** Finds the running server's data directory (by asking it) and its binaries (from postmaster.opts). */
    static PostgresCrash of(PostgresServer server, Path log) throws SQLException, IOException {
        Path dataDirectory;
        try (Connection connection = server.embedded().getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SHOW data_directory")) {
            row.next();
            dataDirectory = Path.of(row.getString(1));
        }
        String options = Files.readString(dataDirectory.resolve("postmaster.opts")).trim();
        Path postgres = Path.of(options.split(" ", 2)[0].replace("\"", ""));
        return new PostgresCrash(postgres.resolveSibling("pg_ctl"), dataDirectory, log);
    }

    /** Stops PostgreSQL immediately, keeps it down for {@code downtime}, starts it; returns when it accepts. */
    void crashAndRestart(Duration downtime) throws IOException, InterruptedException {
        pgCtl("stop", "-m", "immediate", "-w");
        Thread.sleep(downtime.toMillis());
        pgCtl("restart", "-w", "-t", "120", "-l", log.toAbsolutePath().toString());
    }

    private void pgCtl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // pg_ctl refuses to run as root; like zonky, run it in a user namespace where we are not root.
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(pgCtl.toString(), "-D", dataDirectory.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IOException("pg_ctl " + String.join(" ", arguments) + " exited with " + exit + "; see " + log);
        }
    }
}
