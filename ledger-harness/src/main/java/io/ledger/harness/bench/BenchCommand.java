package io.ledger.harness.bench;

import io.ledger.harness.ApiKeys;
import io.ledger.harness.ServiceProcess;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The benchmark: starts the service as a process, drives it over HTTP with C closed-loop clients, and runs the
 * plain-JDBC anchor in the same session against the same kind of store, alternating anchor and ledger windows
 * (A B A B) so that a noisy machine affects both alike. Writes {@code result.json} and {@code summary.txt}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks the ledger over HTTP against a plain-JDBC double-entry anchor.",
        exitCodeListHeading = "%nExit codes (result.json and summary.txt are written for 0, 2 and 3):%n",
        exitCodeList = {
            "0:every scenario's books balance and the views always caught up within --catch-up-limit",
            "1:the run failed (service did not start, set-up refused, I/O error); no result",
            "2:usage error (no result), or a scenario's books do not balance",
            "3:the books balance but the views did not catch up within --catch-up-limit after the prefill, "
                    + "a scenario or the run: not sustained; steps that need current views may be skipped"})
public final class BenchCommand implements Callable<Integer> {

    /** Exit code when every figure read is right but the views did not catch up within the limit at least once. */
    static final int VIEWS_BEHIND = 3;
    /** Exit code when a scenario's books do not balance (outranks {@link #VIEWS_BEHIND}). */
    static final int BOOKS_WRONG = 2;

    @Option(names = "--store", defaultValue = "h2", description = "h2 or postgresql (default: ${DEFAULT-VALUE})")
    String store;

    @Option(names = "--scenario", split = ",", defaultValue = "uniform",
            description = "uniform, contention, hot, batch100, batch1000, holds; comma-separated, run in order")
    List<String> scenarios;

    @Option(names = "--clients", defaultValue = "16", description = "concurrent clients (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--accounts", defaultValue = "0",
            description = "accounts per scenario except contention; 0 means 10,000")
    int accounts;

    @Option(names = "--contention-accounts", defaultValue = "10",
            description = "accounts of the contention scenario (default: ${DEFAULT-VALUE})")
    int contentionAccounts;

    @Option(names = "--duration", defaultValue = "20",
            description = "seconds of each measured window (default: ${DEFAULT-VALUE}; a sustained figure needs 60)")
    double durationSeconds;

    @Option(names = "--warmup", defaultValue = "5", description = "seconds before each window, not counted")
    double warmupSeconds;

    @Option(names = "--rounds", defaultValue = "2", description = "anchor-then-ledger pairs per scenario")
    int rounds;

    @Option(names = "--prefill-events", defaultValue = "0",
            description = "fill the event store to at least this many events before the scenarios")
    long prefillEvents;

    @Option(names = "--query-seconds", defaultValue = "5",
            description = "seconds of point-in-time balance queries at the end")
    double querySeconds;

    @Option(names = "--catch-up-limit", defaultValue = "300",
            description = "seconds to wait for the views to process the whole store after the prefill and after "
                    + "each scenario before giving up; views still behind then are recorded (not sustained, exit "
                    + "code 3), not an error (default: ${DEFAULT-VALUE})")
    double catchUpLimitSeconds;

    @Option(names = "--out", description = "result directory (default: bench-results/<store>-<time>)")
    Path out;

    @Option(names = "--jfr", description = "record the service with Java Flight Recorder into <out>/service.jfr")
    boolean flightRecording;

    @Option(names = "--rebuild", description = "at the end, rebuild the balance view from the whole event store "
            + "(POST /api/v1/admin/projections/balances/rebuild) and report its rate in events per second")
    boolean rebuild;

    @Option(names = "--cost", description = "PostgreSQL only: per transfer of each ledger window, the service's and "
            + "the database's CPU time, SQL statements and transactions (loads pg_stat_statements); with --rebuild, "
            + "also the rebuild's costliest statements in <out>/rebuild-statements.txt")
    boolean cost;

    @Option(names = "--service-jar", description = "default: ledger-api/target/ledger.jar")
    Path serviceJar;

    @Option(names = "--service-arg", description = "extra Spring argument for the service, repeatable")
    List<String> extraServiceArguments = new ArrayList<>();

    @Option(names = "--jvm-arg", description = "extra JVM option for the service, repeatable")
    List<String> jvmArguments = new ArrayList<>();

    /**
     * The service's maximum heap: the size docs/operations.md recommends, under which the service stays within the
     * 512 MiB of resident memory that issue #8 allows (docs/performance.md, eleventh round).
     */
    @Option(names = "--heap", defaultValue = "256m",
            description = "the service's maximum heap, as for -Xmx (default: ${DEFAULT-VALUE})")
    String serviceHeap;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final PrintStream progress = System.err;

    /** Wraps how the session reads the views' lag from the service; tests play views that never catch up. */
    Function<BenchSession.ViewsProbe, BenchSession.ViewsProbe> viewsProbe = Function.identity();

    @Override
    public Integer call() throws Exception {
        List<Scenario> requested = scenarioList();
        if (requested.isEmpty() || clients < 1 || rounds < 1 || durationSeconds <= 0 || catchUpLimitSeconds < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Need at least one scenario, one client, "
                    + "one round, a positive duration and a catch-up limit of at least 0 s");
        }
        if (cost && !store.toLowerCase(java.util.Locale.ROOT).startsWith("postgres")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--cost counts the database's statements and CPU, so it needs --store postgresql");
        }
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path outDir = out != null ? out : Path.of("bench-results", store + "-" + startedAt.toString().replace(':', '-'));
        Files.createDirectories(outDir);
        String loadBefore = loadAverage();
        String uptimeBefore = uptime();
        Path workDir = Files.createTempDirectory("ledger-bench");
        try (BenchStore benchStore = BenchStore.open(store, workDir, cost)) {
            BenchSession session = new BenchSession(this, benchStore, outDir, workDir);
            BenchReport.Result result = session.run(startedAt.toString(), commandLine(),
                    settings(benchStore), () -> new BenchReport.Machine(Runtime.getRuntime()
                            .availableProcessors(), loadBefore, loadAverage(), uptimeBefore, uptime(),
                            System.getProperty("java.version"), System.getProperty("os.name") + " "
                            + System.getProperty("os.version")));
            BenchReport.write(result, outDir.resolve("result.json"), outDir.resolve("summary.txt"));
            spec.commandLine().getOut().print(BenchReport.summary(result));
            spec.commandLine().getOut().println("result: " + outDir.resolve("result.json").toAbsolutePath());
            spec.commandLine().getOut().flush();
            boolean booksBalance = result.scenarios().stream().allMatch(scenario -> scenario.books().balanced());
            return !booksBalance ? BOOKS_WRONG : !result.viewsAlwaysCaughtUp() ? VIEWS_BEHIND : 0;
        } finally {
            deleteRecursively(workDir);
        }
    }

    /** The requested scenarios; an unknown name is a usage error, reported before anything starts. */
    List<Scenario> scenarioList() {
        try {
            return scenarios.stream().map(Scenario::parse).toList();
        } catch (IllegalArgumentException unknown) {
            throw new CommandLine.ParameterException(spec.commandLine(), unknown.getMessage());
        }
    }

    Path serviceJarOrDefault() {
        return serviceJar != null ? serviceJar : ServiceProcess.defaultServiceJar();
    }

    void log(String message) {
        progress.println("[bench " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "] " + message);
    }

    private BenchReport.Settings settings(BenchStore benchStore) {
        return new BenchReport.Settings(benchStore.name(), benchStore.durability(), clients, warmupSeconds,
                durationSeconds, rounds, prefillEvents, List.copyOf(extraServiceArguments), List.copyOf(jvmArguments),
                "-Xmx" + serviceHeap);
    }

    private String commandLine() {
        return "java -jar ledger-harness/target/ledger-harness.jar bench "
                + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException notLinux) {
            return "unknown";
        }
    }

    static String uptime() {
        try {
            Process process = new ProcessBuilder("uptime").redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes()).trim();
            process.waitFor();
            return text;
        } catch (IOException | InterruptedException unavailable) {
            return "unknown";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** A random API key for the run, and the keys file the service reads it from. */
    static String writeApiKey(Path workDir) throws IOException {
        String key = ApiKeys.generate();
        ApiKeys.writeKeysFile(workDir.resolve("api-keys.json"), "bench", key);
        return key;
    }

    static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
