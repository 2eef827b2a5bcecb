package io.ledger.harness.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledger.harness.LedgerClient;
import io.ledger.harness.ServiceProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/** One run of the benchmark: one service process and one store, every requested scenario in turn. */
final class BenchSession {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final long PROBE_INTERVAL_MILLIS = 100;
    private static final int PREFILL_CLIENTS = 4;
    private static final Duration REBUILD_LIMIT = Duration.ofMinutes(30);

    private final BenchCommand options;
    private final BenchStore store;
    private final Path outDir;
    private final Path workDir;
    private ServiceProcess service;
    private LedgerHttp http;
    /** For calls that may take minutes (a rebuild of a large store). */
    private LedgerHttp operations;
    /** Where the views' lag is read; {@link BenchCommand#viewsProbe} may stand in for the service in tests. */
    private ViewsProbe views;
    /** The last wait for the views, when it ended with them behind; null while they are current. */
    private BenchReport.CatchUp behind;
    /** Set once a second wait in a row also ended behind: why every later step that needs the views is skipped. */
    private String givenUp;
    private final List<BenchReport.WaitedAgain> waitedAgain = new ArrayList<>();
    private final List<BenchReport.Skipped> skipped = new ArrayList<>();

    /** The head of the event store and the largest lag of any view, in positions. */
    record HeadAndLag(long head, long lagEvents) {
    }

    /** Reads the head of the event store and the views' lag. */
    @FunctionalInterface
    interface ViewsProbe {
        HeadAndLag read() throws IOException;
    }

    BenchSession(BenchCommand options, BenchStore store, Path outDir, Path workDir) {
        this.options = options;
        this.store = store;
        this.outDir = outDir;
        this.workDir = workDir;
    }

    BenchReport.Result run(String startedAt, String command, BenchReport.Settings settings,
                           Supplier<BenchReport.Machine> machine) throws Exception {
        startService();
        try {
            long prefillStarted = System.nanoTime();
            long prefillReached = prefill();
            BenchReport.CatchUp prefillCatchUp = options.prefillEvents > 0 ? waited(catchUp()) : null;
            double prefillSeconds = (System.nanoTime() - prefillStarted) / 1e9;
            List<BenchReport.ScenarioResult> results = new ArrayList<>();
            Workload first = null;
            Instant firstSetUp = null;
            List<Scenario> scenarios = options.scenarioList();
            for (int index = 0; index < scenarios.size(); index++) {
                Workload workload = workload(scenarios.get(index), index);
                // Windows measured while the views still work off an earlier backlog would measure that backlog.
                if (!viewsCurrentFor("scenario " + workload.scenario().label())) {
                    continue;
                }
                prepare(workload);
                if (first == null) {
                    first = workload;
                    firstSetUp = Instant.now();
                }
                // Opening and funding the accounts leaves the views a backlog; a window started on it would
                // report that backlog as the scenario's projection lag. Views still behind at the limit are a
                // result: the windows are measured all the same and the scenario is not sustained.
                BenchReport.CatchUp setUp = catchUp();
                results.add(runScenario(workload, setUp));
            }
            // After the last scenario's own wait; when that one ended behind, this is the second chance the views
            // get before the steps below, and once the session has given up it only reads where they are.
            BenchReport.CatchUp end = waited(catchUp(givenUp != null ? Duration.ZERO : catchUpLimit()));
            BenchReport.Latency queries = null;
            if (first == null) {
                skipped.add(new BenchReport.Skipped("point-in-time queries", "no scenario ran"));
            } else if (viewsCurrentFor("point-in-time queries")) {
                queries = pointInTimeQueries(first, firstSetUp);
            }
            BenchReport.Rebuild rebuild = options.rebuild && viewsCurrentFor("rebuild") ? rebuildBalanceView() : null;
            long peakRssKib = ServiceProbe.memoryKib(service.pid(), "VmHWM");
            String profile = stopService();
            return new BenchReport.Result(startedAt, command, settings, machine.get(), prefillReached,
                    prefillSeconds, results, queries, end, rebuild, peakRssKib, profile, prefillCatchUp,
                    List.copyOf(waitedAgain), List.copyOf(skipped));
        } finally {
            service.kill();
        }
    }

    private void startService() throws IOException {
        String generatedKey = BenchCommand.writeApiKey(workDir);
        List<String> arguments = new ArrayList<>(store.serviceArguments());
        arguments.add("--ledger.security.api-keys-file=" + workDir.resolve("api-keys.json").toAbsolutePath());
        // All clients share one key, and the per-key limit (500/s by default) would measure the limiter, not the
        // ledger; a --service-arg given after this one overrides it.
        arguments.add("--ledger.security.rate-limit.enabled=false");
        arguments.addAll(options.extraServiceArguments);
        // The heap of --heap; a --jvm-arg=-Xmx... given as well comes later and wins.
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + options.serviceHeap));
        jvm.addAll(options.jvmArguments);
        if (options.flightRecording) {
            // Deep stacks: the store's SQL engine alone is often more than JFR's default 64 frames deep.
            jvm.add("-XX:FlightRecorderOptions=stackdepth=256");
            jvm.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                    + outDir.resolve("service.jfr").toAbsolutePath());
        }
        options.log("starting the service on " + store.name());
        service = ServiceProcess.start(options.serviceJarOrDefault(), outDir.resolve("service.log"),
                java.util.Map.of(), jvm, READY_TIMEOUT, arguments.toArray(String[]::new));
        http = new LedgerHttp(service.baseUrl(), generatedKey, Duration.ofSeconds(60));
        operations = new LedgerHttp(service.baseUrl(), generatedKey, REBUILD_LIMIT);
        views = options.viewsProbe.apply(this::readViews);
        ServiceProcess started = service;
        // A benchmark stopped with Ctrl-C or SIGTERM must not leave its service running.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                started.kill();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }, "bench-stop-service"));
    }

    private String stopService() throws InterruptedException {
        keepServiceMeters();
        service.stop(Duration.ofSeconds(60));
        return options.flightRecording ? outDir.resolve("service.jfr").toAbsolutePath().toString() : null;
    }

    /**
     * Keeps the service's own meters as they stand at the end of the run (`service-metrics.txt`, Prometheus text):
     * what the bench cannot see from outside, such as how many transfers each group commit took, the command
     * latency by outcome and the account cache's hits. Best effort: a run that cannot read them still reports.
     */
    private void keepServiceMeters() {
        try {
            LedgerClient.Answer meters = operations.get("/actuator/prometheus");
            if (meters.isSuccess()) {
                Files.writeString(outDir.resolve("service-metrics.txt"), meters.body());
            } else {
                options.log("the service's meters answered " + meters.status() + "; not kept");
            }
        } catch (IOException unreadable) {
            options.log("the service's meters could not be read: " + unreadable.getMessage());
        }
    }

    private Workload workload(Scenario scenario, int index) {
        int accounts = scenario == Scenario.CONTENTION ? options.contentionAccounts
                : options.accounts > 0 ? options.accounts : scenario.defaultAccounts();
        return new Workload(scenario, "b" + (index + 1) + "-" + scenario.label(), accounts);
    }

    private void prepare(Workload workload) throws Exception {
        options.log("opening and funding " + workload.allAccountIds().size() + " accounts for "
                + workload.scenario().label());
        new LedgerSetup(http, options.clients).prepare(workload);
        store.anchor().prepare(workload);
    }

    private BenchReport.ScenarioResult runScenario(Workload workload, BenchReport.CatchUp setUp) throws Exception {
        List<BenchReport.Window> anchor = new ArrayList<>();
        List<BenchReport.Window> ledger = new ArrayList<>();
        for (int round = 1; round <= options.rounds; round++) {
            anchor.add(anchorWindow(workload, round));
            ledger.add(ledgerWindow(workload, round));
        }
        BenchReport.CatchUp catchUp = waited(catchUp());
        BenchReport.Books books = books(workload, catchUp.caughtUp());
        BenchReport.Ratios ratios = BenchReport.Ratios.of(anchor, ledger);
        String why = sustainedWhy(ledger, setUp, catchUp);
        return new BenchReport.ScenarioResult(workload.scenario().label(), workload.spreadAccountIds().size(),
                workload.scenario().transfersPerRequest(), anchor, ledger, ratios,
                medianRate(ledger), medianRate(anchor), why.isEmpty(), why.isEmpty() ? "sustained" : why, books,
                catchUp, setUp);
    }

    private BenchReport.Window anchorWindow(Workload workload, int round) throws InterruptedException {
        options.log(workload.scenario().label() + " round " + round + ": anchor");
        LoadRunner.Window window = LoadRunner.run(client -> store.anchor().driver(workload,
                        "r" + round + "c" + client + "-"), options.clients, BenchCommand.seconds(options.warmupSeconds),
                BenchCommand.seconds(options.durationSeconds));
        return BenchReport.Window.of("anchor", round, window, null, -1, null);
    }

    private BenchReport.Window ledgerWindow(Workload workload, int round) throws InterruptedException, SQLException {
        options.log(workload.scenario().label() + " round " + round + ": ledger");
        ServiceProbe probe = ServiceProbe.start(http, service.pid(), PROBE_INTERVAL_MILLIS);
        CostMeter cost = options.cost ? CostMeter.start(service.pid(), store.ledgerUrl()) : null;
        LoadRunner.Window window = LoadRunner.run(client -> LedgerDrivers.forScenario(http, workload,
                        workload.prefix() + "-r" + round + "c" + client + "-"), options.clients,
                BenchCommand.seconds(options.warmupSeconds), BenchCommand.seconds(options.durationSeconds));
        CostMeter.Cost spent = cost == null ? null : cost.stop();
        if (options.cost) {
            writeTopStatements(workload.scenario().label() + "-r" + round + "-statements.txt");
        }
        List<ServiceProbe.Sample> samples = probe.stop();
        long rssPeak = samples.stream().mapToLong(ServiceProbe.Sample::rssKib).max().orElse(-1);
        return BenchReport.Window.of("ledger", round, window, BenchReport.Lag.of(samples), rssPeak, spent);
    }

    /** The 25 statements that took the database the most time since the last reset, into {@code <out>/<name>}. */
    private void writeTopStatements(String name) throws SQLException {
        try {
            CostMeter.writeTopStatements(store.ledgerUrl(), outDir.resolve(name), 25);
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
    }

    private static double medianRate(List<BenchReport.Window> windows) {
        return BenchReport.median(windows.stream().map(BenchReport.Window::transfersPerSecond).toList());
    }

    /** Empty when the ledger's rate counts as sustained, else why it does not. */
    private String sustainedWhy(List<BenchReport.Window> ledger, BenchReport.CatchUp setUp,
                                BenchReport.CatchUp catchUp) {
        List<String> reasons = new ArrayList<>();
        if (!setUp.caughtUp()) {
            reasons.add("after the set-up: " + setUp.behind());
        }
        if (!catchUp.caughtUp()) {
            reasons.add(catchUp.behind());
        }
        if (options.durationSeconds < 60) {
            reasons.add("window shorter than 60 s");
        }
        long worstLagP99 = ledger.stream().mapToLong(window -> window.projectionLag().p99Millis()).max().orElse(-1);
        if (worstLagP99 >= 1000) {
            reasons.add("projection lag p99 " + worstLagP99 + " ms");
        }
        return String.join("; ", reasons);
    }

    /**
     * The anchor's books always; the ledger's trial balance only when the views caught up, since a view that is
     * behind answers for an earlier point of the store (null: not read).
     */
    private BenchReport.Books books(Workload workload, boolean viewsCurrent) throws Exception {
        Boolean ledgerBalanced = null;
        if (viewsCurrent) {
            JsonNode trial = http.get("/api/v1/reports/trial-balance").json();
            ledgerBalanced = trial.path("balanced").asBoolean(false);
        }
        return new BenchReport.Books(ledgerBalanced, store.anchor().sumOfBalancesMinor(workload),
                store.anchor().sumOfEntriesMinor(workload));
    }

    private Duration catchUpLimit() {
        return BenchCommand.seconds(options.catchUpLimitSeconds);
    }

    private BenchReport.CatchUp catchUp() throws Exception {
        return catchUp(catchUpLimit());
    }

    /**
     * Waits until every view has processed the whole event store, for at most {@code limit}, and says how far
     * behind they were and whether they got there. Views still behind at the limit are a result of the run (it
     * did not keep up), not a failure of the benchmark. Always reads at least once, so a zero limit only looks.
     */
    private BenchReport.CatchUp catchUp(Duration limit) throws Exception {
        long started = System.nanoTime();
        HeadAndLag atStart = null;
        while (true) {
            HeadAndLag now = views.read();
            if (atStart == null) {
                atStart = now;
            }
            double waited = (System.nanoTime() - started) / 1e9;
            if (now.lagEvents() == 0 || System.nanoTime() - started >= limit.toNanos()) {
                BenchReport.CatchUp catchUp = new BenchReport.CatchUp(atStart.lagEvents(), waited, now.head(),
                        now.lagEvents() == 0, now.lagEvents(), limit.toMillis() / 1000.0);
                if (!catchUp.caughtUp()) {
                    options.log(catchUp.behind());
                }
                return catchUp;
            }
            Thread.sleep(PROBE_INTERVAL_MILLIS);
        }
    }

    /**
     * Notes how a wait for the views ended. A first wait that ends behind leaves the views one more chance (see
     * {@link #viewsCurrentFor}); a second in a row that ends behind gives up on them for the rest of the run.
     */
    private BenchReport.CatchUp waited(BenchReport.CatchUp catchUp) {
        if (catchUp.caughtUp()) {
            behind = null;
        } else if (behind == null) {
            behind = catchUp;
        } else if (givenUp == null) {
            givenUp = catchUp.behind() + " (after a first wait that also ended behind)";
        }
        return catchUp;
    }

    /**
     * Whether a step that needs the views current (a scenario's windows, the point-in-time queries, the rebuild)
     * may run; if not, the step is recorded as skipped with the reason.
     *
     * <p>Choice: when the last wait ended behind, the views get one more wait of up to the limit, recorded in the
     * result: a view that fell behind under one scenario's load often catches up once the load stops, and the
     * next step is then measured cleanly instead of being lost. If they are still behind after that, the session
     * gives up on them: this step and every later one that needs them are skipped without waiting again, so a
     * run whose views cannot keep up costs at most two limits more, not one per remaining step.
     */
    private boolean viewsCurrentFor(String step) throws Exception {
        if (givenUp == null && behind != null) {
            options.log("the views were behind at the last wait; waiting once more before the " + step);
            BenchReport.CatchUp again = waited(catchUp());
            waitedAgain.add(new BenchReport.WaitedAgain(step, again));
        }
        if (givenUp != null) {
            skipped.add(new BenchReport.Skipped(step, givenUp));
            options.log("skipping the " + step + ": " + givenUp);
            return false;
        }
        return true;
    }

    /** The head's position and the largest lag of any view, in positions, as the service reports them. */
    private HeadAndLag readViews() throws IOException {
        long head = -1;
        long lag = 0;
        for (JsonNode view : http.get("/api/v1/admin/projections").json()) {
            head = Math.max(head, view.path("headPosition").asLong());
            lag = Math.max(lag, view.path("lagEvents").asLong());
        }
        return new HeadAndLag(head, lag);
    }

    /** Fills the event store with atomic batches of 1,000 transfers until its head reaches the target. */
    private long prefill() throws Exception {
        if (options.prefillEvents <= 0) {
            return views.read().head() + 1;
        }
        Workload filler = new Workload(Scenario.BATCH_1000, "prefill", 10_000);
        options.log("prefilling the event store to " + options.prefillEvents + " events");
        new LedgerSetup(http, options.clients).prepare(filler);
        AtomicBoolean reached = new AtomicBoolean(false);
        List<Thread> threads = new ArrayList<>();
        for (int client = 0; client < PREFILL_CLIENTS; client++) {
            ClientDriver driver = LedgerDrivers.forScenario(http, filler, "prefill-c" + client + "-");
            Thread thread = new Thread(() -> {
                while (!reached.get()) {
                    driver.sendNext();
                }
            }, "bench-prefill");
            thread.start();
            threads.add(thread);
        }
        long head = awaitHead(options.prefillEvents, reached);
        for (Thread thread : threads) {
            thread.join();
        }
        return head;
    }

    private long awaitHead(long target, AtomicBoolean reached) throws Exception {
        long head = -1;
        long lastReport = System.nanoTime();
        while (head + 1 < target) {
            Thread.sleep(1000);
            head = views.read().head();
            if (System.nanoTime() - lastReport > Duration.ofSeconds(15).toNanos()) {
                options.log("prefill at " + (head + 1) + " events");
                lastReport = System.nanoTime();
            }
        }
        reached.set(true);
        return head + 1;
    }

    /** Rebuilds the balance view from the whole store; the service answers once the rebuilt set answers. */
    private BenchReport.Rebuild rebuildBalanceView() throws IOException, SQLException {
        options.log("rebuilding the balance view");
        if (options.cost) {
            CostMeter.resetStatements(store.ledgerUrl());
        }
        LedgerClient.Answer answer = operations.post("/api/v1/admin/projections/balances/rebuild", "");
        if (options.cost) {
            writeTopStatements("rebuild-statements.txt");
        }
        if (answer.status() != 200) {
            throw new IllegalStateException("The rebuild was answered " + answer.status() + ": " + answer.body());
        }
        JsonNode report = answer.json();
        JsonNode phases = report.path("phases");
        return new BenchReport.Rebuild(report.path("eventsReplayed").asLong(), report.path("millis").asLong(),
                phases.path("preparingMillis").asLong(), phases.path("waitingForEventsMillis").asLong(),
                phases.path("applyingMillis").asLong(), phases.path("writingMillis").asLong(),
                phases.path("committingMillis").asLong(), phases.path("indexingMillis").asLong());
    }

    /** Point-in-time balance queries (as of an instant after the first scenario's set-up) by C clients. */
    private BenchReport.Latency pointInTimeQueries(Workload workload, Instant asOf) throws InterruptedException {
        options.log("point-in-time balance queries");
        List<String> accounts = workload.spreadAccountIds();
        LoadRunner.Window window = LoadRunner.run(client -> () -> {
            String account = accounts.get(java.util.concurrent.ThreadLocalRandom.current().nextInt(accounts.size()));
            try {
                LedgerClient.Answer answer = http.get("/api/v1/accounts/" + account + "/balance?asOf=" + asOf);
                return LedgerHttp.outcomeOf(answer, 0);
            } catch (IOException failure) {
                return Outcome.failed(failure.getClass().getSimpleName());
            }
        }, options.clients, Duration.ofSeconds(1), BenchCommand.seconds(options.querySeconds));
        return BenchReport.Latency.of(window.latencyMicros());
    }
}
