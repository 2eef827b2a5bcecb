package io.ledger.harness.h2;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ledger.harness.LedgerHarness;
import org.h2.engine.Constants;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * Counts how often H2 comes back from a {@code kill -9} with a store that disagrees with itself: the writer
 * process ({@link H2KillWriter}) is started, checks the store, writes transfer-like transactions, and is killed at a
 * random moment, round after round. docs/reliability.md ("Finding: on H2, a rollback left half done by a kill")
 * says why.
 */
@Command(name = "h2-kill-loop", mixinStandardHelpOptions = true,
        description = "Kills a process writing to an H2 store again and again and checks the store after each kill.")
public final class H2KillLoopCommand implements Callable<Integer> {

    @Option(names = "--rounds", defaultValue = "100", description = "Kills (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--work-dir", required = true, description = "Directory for the store and the writer's log.")
    Path workDir;

    @Option(names = "--out", required = true, description = "JSON result file.")
    Path out;

    @Option(names = "--seed", description = "Seed for the kill times (default: random).")
    Long seed;

    /** Time to write after the check, before the kill: long enough for a few hundred transactions. */
    static final Duration MIN_WRITE = Duration.ofMillis(300);
    static final Duration MAX_WRITE = Duration.ofMillis(3_300);
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(120);

    /** The result file: every check after a kill, and the anomalies among them. */
    public record Result(String h2Version, int kills, int checks, List<String> anomalies, String lastCheck,
                         long seed) {
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        long usedSeed = seed != null ? seed : new Random().nextLong();
        Random random = new Random(usedSeed);
        Files.createDirectories(workDir);
        Path log = workDir.resolve("writer.log");
        List<String> checks = new ArrayList<>();
        for (int round = 1; round <= rounds + 1; round++) {
            Process writer = startWriter(log);
            String check = awaitCheck(log, checks.size(), writer);
            checks.add(check);
            boolean last = round == rounds + 1;
            if (!last) {
                long writeMillis = MIN_WRITE.toMillis()
                        + random.nextLong(MAX_WRITE.toMillis() - MIN_WRITE.toMillis());
                Thread.sleep(writeMillis);
            }
            writer.destroyForcibly();
            writer.waitFor();
            System.err.printf("h2-kill-loop: round %d/%d: %s%n", Math.min(round, rounds), rounds, check);
        }
        List<String> anomalies = checks.stream().filter(check -> check.startsWith("ANOMALY")).toList();
        Result result = new Result(Constants.VERSION, rounds, checks.size(), anomalies, checks.get(checks.size() - 1),
                usedSeed);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), result);
        System.out.printf("h2-kill-loop: H2 %s, %d kills, %d anomalies; result in %s%n", Constants.VERSION, rounds,
                anomalies.size(), out);
        return anomalies.isEmpty() ? 0 : 1;
    }

    private Process startWriter(Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx256m");
        String classPath = System.getProperty("java.class.path");
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
            command.addAll(List.of("-jar", classPath));
        } else {
            command.addAll(List.of("-cp", classPath, LedgerHarness.class.getName()));
        }
        command.addAll(List.of("h2-kill-writer", workDir.resolve("store").toString()));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** The writer's check of what the previous kill left: the next CHECK line of its log. */
    private static String awaitCheck(Path log, int checksSoFar, Process writer)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + CHECK_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> found = Files.exists(log) ? Files.readAllLines(log).stream()
                    .filter(line -> line.startsWith(H2KillWriter.CHECK)).toList() : List.of();
            if (found.size() > checksSoFar) {
                return found.get(checksSoFar).substring(H2KillWriter.CHECK.length());
            }
            if (!writer.isAlive()) {
                throw new IllegalStateException("The writer exited before its check; see " + log);
            }
            Thread.sleep(50);
        }
        writer.destroyForcibly();
        throw new IllegalStateException("The writer did not check the store within " + CHECK_TIMEOUT + "; see " + log);
    }
}
