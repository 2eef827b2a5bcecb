package io.ledger.ops.audit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Benchmarks {@code audit replay} on PostgreSQL: starts zonky's embedded server (synchronous_commit on), generates a
 * store of EVENTS events, then runs the real tool as a separate process
 * ({@code java -jar ops/target/ledger-ops.jar audit replay ...}) and writes its figures to RESULT_FILE.
 * Usage: {@code PostgresReplayBenchmark EVENTS RESULT_FILE JAR [JVM_OPTION ...]}: the tool runs with the JVM options
 * given, as the H2 measurement does. Run by ops/bench/audit-replay.sh.
 */
public final class PostgresReplayBenchmark {

    private PostgresReplayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long events = Long.parseLong(args[0]);
        Path result = Path.of(args[1]);
        String jar = args[2];
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("synchronous_commit", "on").start()) {
            try (Connection admin = postgres.getPostgresDatabase().getConnection();
                 Statement sql = admin.createStatement()) {
                sql.execute("CREATE DATABASE ledger");
            }
            String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/ledger";
            GenerateStore.main(new String[] {url, "postgres", "", Long.toString(events)});
            Path report = Files.createTempFile("audit-replay-pg", ".json");
            Path log = Files.createTempFile("audit-replay-pg", ".log");
            List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-v", "java"));
            command.addAll(Arrays.asList(args).subList(3, args.length));
            command.addAll(List.of("-jar", jar, "audit", "replay",
                    "--until", "2030-01-01T00:00:00Z", "--format", "json", "--out", report.toString(),
                    "--db-url", url, "--db-user", "postgres"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            int exit = process.waitFor();
            String output = Files.readString(log);
            Files.writeString(result, String.format(Locale.ROOT, "store: PostgreSQL (zonky embedded %s)%n"
                    + "command: %s%nexit: %d%n%s", postgres.getPort(),
                    String.join(" ", command).replace(url, "jdbc:postgresql://localhost:PORT/ledger"), exit,
                    summary(output)));
        }
    }

    /** The tool's closing line and the CPU, memory and wall-clock lines of /usr/bin/time. */
    static String summary(String output) {
        StringBuilder lines = new StringBuilder();
        for (String line : output.split("\n")) {
            if (line.contains(": done,") || line.contains("User time") || line.contains("System time")
                    || line.contains("Percent of CPU") || line.contains("Elapsed") || line.contains("Maximum resident")
                    || line.contains("generated")) {
                lines.append(line.trim()).append('\n');
            }
        }
        return lines.toString();
    }
}
