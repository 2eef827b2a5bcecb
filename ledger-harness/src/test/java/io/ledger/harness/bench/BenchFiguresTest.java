package io.ledger.harness.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchFiguresTest {

    private static final long MS = 1_000_000;

    @Test
    void theLagInTimeIsHowLongAgoTheHeadReachedWhereTheSlowestViewIsNow() {
        List<ServiceProbe.Sample> samples = List.of(
                new ServiceProbe.Sample(0, 100, 100, 0),
                new ServiceProbe.Sample(100 * MS, 200, 120, 0),
                new ServiceProbe.Sample(200 * MS, 300, 150, 0),
                new ServiceProbe.Sample(300 * MS, 400, 400, 0));

        assertThat(ServiceProbe.lagMillis(samples)).containsExactly(0, 0, 100, 0);
        assertThat(ServiceProbe.lagEvents(samples)).containsExactly(0, 80, 150, 0);
    }

    @Test
    void aViewThatWasCurrentUntilALargeCommitLagsOnlySinceThatCommit() {
        List<ServiceProbe.Sample> samples = List.of(
                new ServiceProbe.Sample(0, 100, 100, 0),
                new ServiceProbe.Sample(1000 * MS, 100, 100, 0),
                new ServiceProbe.Sample(2000 * MS, 3100, 100, 0),
                new ServiceProbe.Sample(2100 * MS, 3100, 1100, 0));

        assertThat(ServiceProbe.lagMillis(samples)).containsExactly(0, 0, 0, 100);
    }

    @Test
    void aViewBehindEverySampleCountsFromTheFirstSample() {
        List<ServiceProbe.Sample> samples = List.of(
                new ServiceProbe.Sample(0, 500, 10, 0),
                new ServiceProbe.Sample(250 * MS, 600, 20, 0));

        assertThat(ServiceProbe.lagMillis(samples)).containsExactly(0, 250);
    }

    @Test
    void ratiosArePerRoundAndTheirMedianIsReported() {
        List<BenchReport.Window> anchor = List.of(window("anchor", 1, 1000, 10_000),
                window("anchor", 2, 500, 20_000), window("anchor", 3, 1000, 10_000));
        List<BenchReport.Window> ledger = List.of(window("ledger", 1, 2000, 5_000),
                window("ledger", 2, 1500, 10_000), window("ledger", 3, 500, 40_000));

        BenchReport.Ratios ratios = BenchReport.Ratios.of(anchor, ledger);

        assertThat(ratios.throughputPerRound()).containsExactly(2.0, 3.0, 0.5);
        assertThat(ratios.throughputMedian()).isEqualTo(2.0);
        assertThat(ratios.p99PerRound()).containsExactly(0.5, 0.5, 4.0);
        assertThat(ratios.p99Median()).isEqualTo(0.5);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(BenchReport.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        assertThat(BenchReport.median(List.of())).isNaN();
    }

    @Test
    void workloadsNeverDrawTheSameAccountOnBothSidesAndTheHotScenarioAlwaysCreditsTheHotAccount() {
        Workload uniform = new Workload(Scenario.UNIFORM, "u", 2);
        Workload hot = new Workload(Scenario.HOT_ACCOUNT, "h", 3);
        for (int draw = 0; draw < 1000; draw++) {
            Workload.Movement movement = uniform.next("t" + draw);
            assertThat(movement.debitAccountId()).isNotEqualTo(movement.creditAccountId());
            assertThat(movement.amountMinor()).isBetween(1L, 1000L);
            assertThat(hot.next("h" + draw).creditAccountId()).isEqualTo("h-hot");
        }
        assertThat(hot.allAccountIds()).containsExactly("h-0", "h-1", "h-2", "h-hot");
    }

    @Test
    void amountsAreWrittenAsDecimalStringsWithTwoFractionDigits() {
        assertThat(new Workload.Movement("t", "a", "b", 5).amount()).isEqualTo("0.05");
        assertThat(new Workload.Movement("t", "a", "b", 1000).amount()).isEqualTo("10.00");
        assertThat(new Workload.Movement("t", "a", "b", 123_456).amount()).isEqualTo("1234.56");
    }

    @Test
    void aWorkloadNeedsTwoAccountsAndScenariosAreKnownByName() {
        assertThatThrownBy(() -> new Workload(Scenario.UNIFORM, "u", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Scenario.parse("hot")).isEqualTo(Scenario.HOT_ACCOUNT);
        assertThat(Scenario.parse("BATCH_1000")).isEqualTo(Scenario.BATCH_1000);
        assertThatThrownBy(() -> Scenario.parse("sideways")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void viewsThatDidNotCatchUpAreNamedInTheSummaryAndATrialBalanceNotReadIsNotWrongBooks() {
        BenchReport.CatchUp behind = new BenchReport.CatchUp(20_000, 300.04, 90_000, false, 14_000, 300);
        BenchReport.CatchUp current = new BenchReport.CatchUp(0, 0.0, 90_000, true, 0, 300);
        BenchReport.Books unread = new BenchReport.Books(null, 0, 0);
        List<BenchReport.Window> anchor = List.of(window("anchor", 1, 1000, 10_000));
        List<BenchReport.Window> ledger = List.of(lagged(window("ledger", 1, 500, 20_000)));
        BenchReport.ScenarioResult hot = new BenchReport.ScenarioResult("hot", 10_001, 1, anchor, ledger,
                BenchReport.Ratios.of(anchor, ledger), 500, 1000, false, behind.behind(), unread, behind,
                new BenchReport.CatchUp(3_000, 1.5, 60_000, true, 0, 300));

        BenchReport.Result result = result(List.of(hot), current, List.of(),
                List.of(new BenchReport.Skipped("rebuild", "views still 14000 events behind after 300 s")));
        String summary = BenchReport.summary(result);

        assertThat(behind.behind()).isEqualTo("views still 14000 events behind after 300 s");
        assertThat(unread.balanced()).as("not read is not wrong").isTrue();
        assertThat(new BenchReport.Books(false, 0, 0).balanced()).isFalse();
        assertThat(summary).contains("VIEWS DID NOT CATCH UP", "hot: views still 14000 events behind after 300 s",
                "unread", "skipped rebuild: views still",
                "after the set-up of hot: the views worked off 3000 events in 1.5 s (2000 events/s)")
                .doesNotContain("point-in-time balance query");
        assertThat(result.viewsAlwaysCaughtUp()).isFalse();
        assertThat(result(List.of(), current, List.of(), List.of()).viewsAlwaysCaughtUp()).isTrue();
        assertThat(result(List.of(), current, List.of(new BenchReport.WaitedAgain("scenario holds", behind)),
                List.of()).viewsAlwaysCaughtUp()).as("a second wait that ended behind counts too").isFalse();
    }

    private static BenchReport.Result result(List<BenchReport.ScenarioResult> scenarios, BenchReport.CatchUp end,
                                             List<BenchReport.WaitedAgain> waitedAgain,
                                             List<BenchReport.Skipped> skipped) {
        return new BenchReport.Result("2026-01-01T00:00:00Z", "bench", new BenchReport.Settings("h2", "fsync", 16,
                10, 60, 1, 0, List.of(), List.of(), "-Xmx512m"), new BenchReport.Machine(2, "0", "0", "up", "up",
                "17", "Linux"), 0, 0, scenarios, null, end, null, 1024, null, null, waitedAgain, skipped);
    }

    private static BenchReport.Window lagged(BenchReport.Window window) {
        return new BenchReport.Window(window.target(), window.round(), window.seconds(), window.requests(),
                window.transfers(), window.transfersPerSecond(), window.requestsPerSecond(), window.latency(),
                window.refusals(), window.errors(), new BenchReport.Lag(10, 5000, 9000, 14_000, 20_000), -1, null);
    }

    private static BenchReport.Window window(String target, int round, double rate, long p99Micros) {
        return new BenchReport.Window(target, round, 1, (long) rate, (long) rate, rate, rate,
                new BenchReport.Latency(1, p99Micros / 2, p99Micros, p99Micros, p99Micros), java.util.Map.of(),
                java.util.Map.of(), null, -1, null);
    }

    @Test
    void aSetUpBacklogTheViewsDidNotWorkOffIsSaidSoAndAnEmptyOneHasNoRate() {
        BenchReport.CatchUp behind = new BenchReport.CatchUp(20_000, 300.04, 90_000, false, 14_000, 300);
        BenchReport.CatchUp none = new BenchReport.CatchUp(0, 0.0, 90_000, true, 0, 300);

        assertThat(BenchReport.setUpLine("uniform", behind))
                .isEqualTo("after the set-up of uniform: views still 14000 events behind after 300 s\n");
        assertThat(BenchReport.setUpLine("uniform", none)).isEqualTo(
                "after the set-up of uniform: the views worked off 0 events in 0.0 s before the first window\n");
    }
}
