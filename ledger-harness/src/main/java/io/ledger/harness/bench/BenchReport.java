package io.ledger.harness.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's result file (JSON) and its readable summary. */
public final class BenchReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchReport() {
    }

    /** Latency percentiles in microseconds. */
    public record Latency(long count, long p50Micros, long p99Micros, long p999Micros, long maxMicros) {

        public static Latency of(Histogram histogram) {
            return new Latency(histogram.getTotalCount(), histogram.getValueAtPercentile(50),
                    histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9),
                    histogram.getMaxValue());
        }
    }

    /** Projection lag over a window's samples, in time and in event-store positions. */
    public record Lag(int samples, long p99Millis, long maxMillis, long p99Events, long maxEvents) {

        public static Lag of(List<ServiceProbe.Sample> samples) {
            long[] millis = ServiceProbe.lagMillis(samples);
            long[] events = ServiceProbe.lagEvents(samples);
            return new Lag(samples.size(), percentile(millis, 99), percentile(millis, 100),
                    percentile(events, 99), percentile(events, 100));
        }

        static long percentile(long[] values, double percent) {
            if (values.length == 0) {
                return -1;
            }
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(percent / 100 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
        }
    }

    /** One measured window of one target (the ledger or the anchor) in one round. */
    public record Window(String target, int round, double seconds, long requests, long transfers,
                         double transfersPerSecond, double requestsPerSecond, Latency latency,
                         Map<String, Long> refusals, Map<String, Long> errors, Lag projectionLag,
                         long rssPeakKibDuringWindow, CostMeter.Cost costPerTransfer) {

        static Window of(String target, int round, LoadRunner.Window window, Lag lag, long rssPeakKib,
                         CostMeter.Cost cost) {
            return new Window(target, round, window.elapsedSeconds(), window.requests(), window.transfers(),
                    window.transfersPerSecond(), window.requestsPerSecond(), Latency.of(window.latencyMicros()),
                    window.refusals(), window.errors(), lag, rssPeakKib, cost);
        }
    }

    /** Ledger over anchor, per round (A B pairs) and their medians. */
    public record Ratios(List<Double> throughputPerRound, double throughputMedian, List<Double> p50PerRound,
                         double p50Median, List<Double> p99PerRound, double p99Median) {

        static Ratios of(List<Window> anchor, List<Window> ledger) {
            List<Double> throughput = perRound(anchor, ledger, Window::transfersPerSecond);
            List<Double> p50 = perRound(anchor, ledger, window -> (double) window.latency().p50Micros());
            List<Double> p99 = perRound(anchor, ledger, window -> (double) window.latency().p99Micros());
            return new Ratios(throughput, median(throughput), p50, median(p50), p99, median(p99));
        }

        private static List<Double> perRound(List<Window> anchor, List<Window> ledger,
                                             java.util.function.ToDoubleFunction<Window> figure) {
            return java.util.stream.IntStream.range(0, Math.min(anchor.size(), ledger.size()))
                    .mapToObj(round -> round3(figure.applyAsDouble(ledger.get(round))
                            / Math.max(1e-9, figure.applyAsDouble(anchor.get(round)))))
                    .toList();
        }
    }

    /**
     * Whether the ledger's books and the anchor's books balance after the scenario.
     *
     * @param ledgerTrialBalanceBalanced null when the trial balance was not read because the views did not catch
     *                                   up (a view that is behind answers for an earlier point of the store)
     */
    public record Books(Boolean ledgerTrialBalanceBalanced, long anchorSumOfBalancesMinor,
                        long anchorSumOfEntriesMinor) {

        /** False only when a figure that was read is wrong; a trial balance not read does not count as wrong. */
        public boolean balanced() {
            return !Boolean.FALSE.equals(ledgerTrialBalanceBalanced) && anchorSumOfBalancesMinor == 0
                    && anchorSumOfEntriesMinor == 0;
        }
    }

    /**
     * @param sustained whether the ledger's rate counts as sustained: every window at least 60 s, the
     *                  projection lag's p99 under one second in each, and the views caught up after the windows
     *                  within the limit
     * @param catchUp   the wait for the views after the scenario's windows, before its books are read
     * @param setUpCatchUp the wait for the views after its accounts were opened and funded, before its first
     *                  window: their backlog, and how fast the live views worked it off
     */
    public record ScenarioResult(String scenario, int accounts, int transfersPerRequest, List<Window> anchor,
                                 List<Window> ledger, Ratios ledgerOverAnchor, double ledgerTransfersPerSecondMedian,
                                 double anchorTransfersPerSecondMedian, boolean sustained, String sustainedWhy,
                                 Books books, CatchUp catchUp, CatchUp setUpCatchUp) {
    }

    public record Machine(int cores, String loadAverageBefore, String loadAverageAfter, String uptimeBefore,
                          String uptimeAfter, String java, String os) {
    }

    public record Settings(String store, String durability, int clients, double warmupSeconds,
                           double durationSeconds, int rounds, long prefillEvents, List<String> serviceArguments,
                           List<String> jvmArguments, String serviceHeap) {
    }

    /**
     * A wait for every view to process the whole event store, for at most {@code limitSeconds}
     * ({@code --catch-up-limit}). Views that do not catch up in time are a result, not a failure of the run.
     *
     * @param lagEventsAtEnd       the largest lag of any view, in positions, when the wait began
     * @param catchUpSeconds       how long the views took to catch up, or how long the wait lasted when they did not
     * @param headPosition         the event store's head at the last reading
     * @param caughtUp             whether every view reached the head within the limit
     * @param lagEventsOutstanding the largest lag still outstanding when the wait ended (0 when caught up)
     * @param limitSeconds         the longest the wait would last
     */
    public record CatchUp(long lagEventsAtEnd, double catchUpSeconds, long headPosition, boolean caughtUp,
                          long lagEventsOutstanding, double limitSeconds) {

        /** "views still N events behind after S s". */
        public String behind() {
            return String.format(Locale.ROOT, "views still %d events behind after %.0f s", lagEventsOutstanding,
                    catchUpSeconds);
        }
    }

    /**
     * A second wait for the views before a step that needs them current ({@code before}: a scenario, the
     * point-in-time queries, the rebuild), made because the previous wait ended with the views behind.
     */
    public record WaitedAgain(String before, CatchUp catchUp) {
    }

    /** A step of the run that did not run, and why (the views were not current, or nothing to run it on). */
    public record Skipped(String step, String why) {
    }

    /**
     * The balance view rebuilt from the whole event store after the scenarios (with {@code --rebuild}), as the
     * service reported it: every event replayed through the view's projections into its other table set, and how
     * the time of the thread that applies and writes split between preparing the set, waiting for the reading
     * thread, applying the events, writing the rows, committing and building the indexes at the end (0 from a
     * service that does not report a phase).
     */
    public record Rebuild(long eventsReplayed, long millis, long preparingMillis, long waitingForEventsMillis,
                          long applyingMillis, long writingMillis, long committingMillis, long indexingMillis) {

        public double eventsPerSecond() {
            return millis == 0 ? 0 : eventsReplayed * 1000.0 / millis;
        }
    }

    /**
     * {@code balanceViewRebuild} is null unless the run was asked to rebuild; it and {@code pointInTimeQuery} are
     * also null when skipped (then {@code skipped} says why). {@code prefillCatchUp} is null without a prefill.
     * {@code endOfRun} is the wait for the views after the last scenario.
     */
    public record Result(String startedAt, String command, Settings settings, Machine machine,
                         long prefillEventsReached, double prefillSeconds, List<ScenarioResult> scenarios,
                         Latency pointInTimeQuery, CatchUp endOfRun, Rebuild balanceViewRebuild,
                         long servicePeakRssKib, String profile, CatchUp prefillCatchUp,
                         List<WaitedAgain> waitedAgain, List<Skipped> skipped) {

        /** False when any wait for the views (after the prefill, a scenario, the run, or again) ended behind. */
        public boolean viewsAlwaysCaughtUp() {
            return java.util.stream.Stream.of(
                            java.util.stream.Stream.ofNullable(prefillCatchUp),
                            scenarios.stream().map(ScenarioResult::catchUp),
                            waitedAgain.stream().map(WaitedAgain::catchUp),
                            java.util.stream.Stream.ofNullable(endOfRun))
                    .flatMap(waits -> waits)
                    .filter(java.util.Objects::nonNull)
                    .allMatch(CatchUp::caughtUp);
        }
    }

    public static void write(Result result, Path json, Path summary) throws IOException {
        Files.createDirectories(json.toAbsolutePath().getParent());
        JSON.writeValue(json.toFile(), result);
        Files.writeString(summary, summary(result));
    }

    public static String summary(Result result) {
        StringBuilder text = new StringBuilder();
        Settings settings = result.settings();
        text.append(String.format(Locale.ROOT, "Ledger benchmark %s on %s (%s)%n", result.startedAt(),
                settings.store(), settings.durability()));
        text.append(String.format(Locale.ROOT, "clients %d, warm-up %.1f s, window %.1f s, %d rounds A/B, "
                        + "prefill %d events (reached %d in %.0f s)%n", settings.clients(), settings.warmupSeconds(),
                settings.durationSeconds(), settings.rounds(), settings.prefillEvents(),
                result.prefillEventsReached(), result.prefillSeconds()));
        text.append(String.format(Locale.ROOT, "machine: %d cores, load before %s, after %s%n%n",
                result.machine().cores(), result.machine().loadAverageBefore(), result.machine().loadAverageAfter()));
        text.append(String.format(Locale.ROOT, "%-10s %8s %10s %10s %8s %8s %8s %9s %9s %8s %9s %6s%n",
                "scenario", "accounts", "ledger/s", "anchor/s", "ratio", "p50 ms", "p99 ms", "p99.9 ms",
                "p99 ratio", "refused", "lag p99", "books"));
        for (ScenarioResult scenario : result.scenarios()) {
            text.append(scenarioLine(scenario));
        }
        for (ScenarioResult scenario : result.scenarios()) {
            for (Window window : scenario.ledger()) {
                if (window.costPerTransfer() != null) {
                    text.append(costLine(scenario.scenario(), window));
                }
            }
        }
        for (ScenarioResult scenario : result.scenarios()) {
            if (scenario.setUpCatchUp() != null) {
                text.append(setUpLine(scenario.scenario(), scenario.setUpCatchUp()));
            }
        }
        text.append(viewsBehindLines(result));
        if (result.pointInTimeQuery() != null) {
            text.append(String.format(Locale.ROOT, "%npoint-in-time balance query: p50 %.2f ms, p99 %.2f ms, "
                            + "p99.9 %.2f ms (%d queries)%n", millis(result.pointInTimeQuery().p50Micros()),
                    millis(result.pointInTimeQuery().p99Micros()), millis(result.pointInTimeQuery().p999Micros()),
                    result.pointInTimeQuery().count()));
        } else {
            text.append(String.format(Locale.ROOT, "%n"));
        }
        CatchUp end = result.endOfRun();
        text.append(String.format(Locale.ROOT, "projection lag at the end: %d events, %s; service peak RSS %d MiB%n",
                end.lagEventsAtEnd(), end.caughtUp() ? String.format(Locale.ROOT, "caught up in %.1f s",
                        end.catchUpSeconds()) : "NOT caught up: " + end.behind(), result.servicePeakRssKib() / 1024));
        if (result.balanceViewRebuild() != null) {
            Rebuild rebuild = result.balanceViewRebuild();
            text.append(String.format(Locale.ROOT, "balance view rebuilt from %d events in %.1f s: %.0f events/s "
                            + "(preparing %.1f s, waiting for events %.1f s, applying %.1f s, writing %.1f s, "
                            + "committing %.1f s, indexing %.1f s)%n",
                    rebuild.eventsReplayed(), rebuild.millis() / 1000.0, rebuild.eventsPerSecond(),
                    rebuild.preparingMillis() / 1000.0, rebuild.waitingForEventsMillis() / 1000.0,
                    rebuild.applyingMillis() / 1000.0, rebuild.writingMillis() / 1000.0,
                    rebuild.committingMillis() / 1000.0, rebuild.indexingMillis() / 1000.0));
        }
        for (Skipped skipped : result.skipped()) {
            text.append("skipped ").append(skipped.step()).append(": ").append(skipped.why()).append('\n');
        }
        text.append("ratio: median over rounds of ledger transfers/s divided by the anchor's in the same round.\n");
        return text.toString();
    }

    /** Every wait that gave up with the views behind, so a run that did not keep up says so where it is read. */
    private static String viewsBehindLines(Result result) {
        StringBuilder text = new StringBuilder();
        if (result.prefillCatchUp() != null && !result.prefillCatchUp().caughtUp()) {
            text.append("after the prefill: ").append(result.prefillCatchUp().behind()).append('\n');
        }
        for (ScenarioResult scenario : result.scenarios()) {
            if (scenario.catchUp() != null && !scenario.catchUp().caughtUp()) {
                text.append(String.format(Locale.ROOT, "%s: %s (not sustained; ledger trial balance not read)%n",
                        scenario.scenario(), scenario.catchUp().behind()));
            }
        }
        for (WaitedAgain again : result.waitedAgain()) {
            text.append(String.format(Locale.ROOT, "waited again before %s: %s%n", again.before(),
                    again.catchUp().caughtUp() ? String.format(Locale.ROOT, "caught up in %.1f s",
                            again.catchUp().catchUpSeconds()) : again.catchUp().behind()));
        }
        if (!text.isEmpty()) {
            text.insert(0, String.format(Locale.ROOT, "%nVIEWS DID NOT CATCH UP within the limit:%n"));
        }
        return text.toString();
    }

    /** The backlog that opening and funding a scenario's accounts left the views, and how they worked it off. */
    static String setUpLine(String scenario, CatchUp setUp) {
        if (!setUp.caughtUp()) {
            return String.format(Locale.ROOT, "after the set-up of %s: %s%n", scenario, setUp.behind());
        }
        String rate = setUp.lagEventsAtEnd() > 0 && setUp.catchUpSeconds() > 0
                ? String.format(Locale.ROOT, " (%.0f events/s)", setUp.lagEventsAtEnd() / setUp.catchUpSeconds())
                : "";
        return String.format(Locale.ROOT, "after the set-up of %s: the views worked off %d events in %.1f s%s "
                + "before the first window%n", scenario, setUp.lagEventsAtEnd(), setUp.catchUpSeconds(), rate);
    }

    private static String costLine(String scenario, Window window) {
        CostMeter.Cost cost = window.costPerTransfer();
        return String.format(Locale.ROOT, "cost per transfer, %s round %d (%d transfers, warm-up included): service "
                        + "CPU %.2f ms (of which the JIT compiler %.2f ms), database CPU %.2f ms, %.1f SQL statements, "
                        + "%.1f transactions%n", scenario, window.round(), cost.transfers(), cost.serviceCpuMillis(),
                cost.compilerCpuMillis(), cost.databaseCpuMillis(), cost.statements(), cost.transactions());
    }

    private static String scenarioLine(ScenarioResult scenario) {
        List<Window> ledger = scenario.ledger();
        long p50 = medianLong(ledger.stream().mapToLong(window -> window.latency().p50Micros()).toArray());
        long p99 = medianLong(ledger.stream().mapToLong(window -> window.latency().p99Micros()).toArray());
        long p999 = medianLong(ledger.stream().mapToLong(window -> window.latency().p999Micros()).toArray());
        long refused = ledger.stream().mapToLong(window -> window.refusals().values().stream()
                .mapToLong(Long::longValue).sum() + window.errors().values().stream().mapToLong(Long::longValue)
                .sum()).sum();
        long lagP99 = ledger.stream().mapToLong(window -> window.projectionLag().p99Millis()).max().orElse(-1);
        return String.format(Locale.ROOT, "%-10s %8d %10.0f %10.0f %7.2fx %8.1f %8.1f %9.1f %8.2fx %8d %7d ms %6s%s%n",
                scenario.scenario(), scenario.accounts(), scenario.ledgerTransfersPerSecondMedian(),
                scenario.anchorTransfersPerSecondMedian(), scenario.ledgerOverAnchor().throughputMedian(),
                millis(p50), millis(p99), millis(p999), scenario.ledgerOverAnchor().p99Median(), refused, lagP99,
                books(scenario.books()), scenario.sustained() ? " sustained" : "");
    }

    /** "ok", "WRONG", or "unread" when the trial balance was not read because the views were behind. */
    private static String books(Books books) {
        if (!books.balanced()) {
            return "WRONG";
        }
        return books.ledgerTrialBalanceBalanced() == null ? "unread" : "ok";
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return round3(sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2);
    }

    private static long medianLong(long[] values) {
        if (values.length == 0) {
            return -1;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
