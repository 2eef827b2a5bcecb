package io.ledger.harness.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.harness.LedgerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A tiny bounded run of the real command (service process, H2, anchor), so CI proves the benchmark works. */
class BenchCommandTest {

    @Test
    void aShortRunOnH2WritesResultsWhereTransfersWereAcknowledgedAndTheBooksBalance(@TempDir Path dir)
            throws Exception {
        Path out = dir.resolve("results");
        StringWriter printed = new StringWriter();
        int exitCode = new CommandLine(new LedgerHarness()).setOut(new PrintWriter(printed)).execute("bench",
                "--scenario", "uniform,holds", "--accounts", "20", "--clients", "4", "--duration", "2",
                "--warmup", "1", "--rounds", "1", "--query-seconds", "1", "--rebuild", "--out", out.toString());

        assertThat(exitCode).isZero();
        JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        assertThat(result.path("settings").path("store").asText()).isEqualTo("h2");
        // The heap docs/operations.md recommends, under which the service stays within 512 MiB of RSS.
        assertThat(result.path("settings").path("serviceHeap").asText()).isEqualTo("-Xmx256m");
        assertThat(result.path("machine").path("loadAverageBefore").asText()).isNotBlank();
        assertThat(result.path("servicePeakRssKib").asLong()).isPositive();
        assertThat(result.path("scenarios")).hasSize(2);
        assertThat(result.path("scenarios").get(0).path("scenario").asText()).isEqualTo("uniform");
        assertThat(result.path("scenarios").get(1).path("scenario").asText()).isEqualTo("holds");
        for (JsonNode scenario : result.path("scenarios")) {
            assertScenarioMeasuredBothAndBalanced(scenario);
        }
        assertThat(result.path("pointInTimeQuery").path("count").asLong()).isPositive();
        assertThat(result.path("endOfRun").path("headPosition").asLong()).isPositive();
        // The rebuild replays the whole store: at least three events (the transfer and its two legs) for each
        // transfer the ledger acknowledged in the measured windows alone.
        long acknowledged = 0;
        for (JsonNode scenario : result.path("scenarios")) {
            acknowledged += scenario.path("ledger").get(0).path("transfers").asLong();
        }
        assertThat(result.path("balanceViewRebuild").path("eventsReplayed").asLong())
                .isGreaterThanOrEqualTo(3 * acknowledged);
        JsonNode rebuild = result.path("balanceViewRebuild");
        long phases = 0;
        for (String phase : new String[] {"preparingMillis", "waitingForEventsMillis", "applyingMillis",
                "writingMillis", "committingMillis", "indexingMillis"}) {
            assertThat(rebuild.has(phase)).as(phase).isTrue();
            phases += rebuild.path(phase).asLong();
        }
        assertThat(rebuild.path("waitingForEventsMillis").asLong())
                .as("the first chunk is waited for while the reader reads it").isPositive();
        assertThat(phases).as("the phases are parts of the rebuild").isLessThanOrEqualTo(rebuild.path("millis").asLong());
        assertThat(Files.readString(out.resolve("summary.txt"))).contains("uniform", "holds", "ok", "balance view rebuilt from");
        assertThat(printed.toString()).contains("result: ");
        // The service's own meters, kept at the end: every single transfer of the uniform windows went through
        // the group writers.
        long takenByGroupWriters = Files.readAllLines(out.resolve("service-metrics.txt")).stream()
                .filter(line -> line.startsWith("ledger_transfer_group_size_transfers_sum "))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
                .sum();
        assertThat(takenByGroupWriters).isGreaterThanOrEqualTo(
                result.path("scenarios").get(0).path("ledger").get(0).path("transfers").asLong());
    }

    private static void assertScenarioMeasuredBothAndBalanced(JsonNode scenario) {
        for (String target : new String[] {"anchor", "ledger"}) {
            JsonNode window = scenario.path(target).get(0);
            assertThat(window.path("target").asText()).isEqualTo(target);
            assertThat(window.path("transfers").asLong()).as(target + " transfers").isPositive();
            assertThat(window.path("errors").size()).as(target + " errors: " + window.path("errors")).isZero();
            JsonNode latency = window.path("latency");
            assertThat(latency.path("p50Micros").asLong()).isPositive()
                    .isLessThanOrEqualTo(latency.path("p99Micros").asLong());
            assertThat(latency.path("p99Micros").asLong()).isLessThanOrEqualTo(latency.path("p999Micros").asLong());
        }
        assertThat(scenario.path("ledger").get(0).path("projectionLag").path("samples").asInt()).isPositive();
        assertThat(scenario.path("ledgerOverAnchor").path("throughputMedian").asDouble()).isPositive();
        JsonNode books = scenario.path("books");
        assertThat(books.path("ledgerTrialBalanceBalanced").asBoolean()).isTrue();
        assertThat(books.path("anchorSumOfBalancesMinor").asLong()).isZero();
        assertThat(books.path("anchorSumOfEntriesMinor").asLong()).isZero();
        assertThat(scenario.path("sustained").asBoolean()).as("a 2 s window is never a sustained rate").isFalse();
        assertThat(scenario.path("setUpCatchUp").path("caughtUp").asBoolean())
                .as("the views caught up with the set-up before the first window").isTrue();
    }

    /**
     * Views that never catch up are a result of the run, not a crash: the measured window is kept and written,
     * the scenario is not sustained, the steps that need current views are skipped with the reason, and the exit
     * code (3) tells scripts. The views are played by a probe that adds a lag that never shrinks to what the real
     * service reports, with a catch-up limit of one second.
     */
    @Test
    void viewsThatDoNotCatchUpWithinTheLimitAreRecordedAndTheRunStillWritesItsResult(@TempDir Path dir)
            throws Exception {
        long stuckLag = 1234;
        BenchCommand bench = new BenchCommand();
        bench.viewsProbe = service -> () -> {
            BenchSession.HeadAndLag real = service.read();
            return new BenchSession.HeadAndLag(real.head(), real.lagEvents() + stuckLag);
        };
        Path out = dir.resolve("results");
        StringWriter printed = new StringWriter();
        int exitCode = new CommandLine(bench).setOut(new PrintWriter(printed)).execute(
                "--scenario", "uniform,holds", "--accounts", "20", "--clients", "2", "--duration", "1",
                "--warmup", "0.5", "--rounds", "1", "--query-seconds", "1", "--rebuild", "--catch-up-limit", "1",
                "--out", out.toString());

        assertThat(exitCode).as("the documented exit code for views that did not catch up").isEqualTo(3);
        assertThat(out.resolve("result.json")).exists();
        JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        assertThat(result.path("scenarios")).hasSize(1);
        JsonNode uniform = result.path("scenarios").get(0);
        assertThat(uniform.path("scenario").asText()).isEqualTo("uniform");
        assertThat(uniform.path("ledger").get(0).path("transfers").asLong()).as("the measured window is kept")
                .isPositive();
        JsonNode catchUp = uniform.path("catchUp");
        assertThat(catchUp.path("caughtUp").asBoolean(true)).isFalse();
        assertThat(catchUp.path("lagEventsOutstanding").asLong()).isGreaterThanOrEqualTo(stuckLag);
        assertThat(catchUp.path("catchUpSeconds").asDouble()).isGreaterThanOrEqualTo(1.0);
        assertThat(catchUp.path("limitSeconds").asDouble()).isEqualTo(1.0);
        assertThat(uniform.path("sustained").asBoolean(true)).isFalse();
        assertThat(uniform.path("sustainedWhy").asText()).contains("views still", "events behind after 1 s",
                "after the set-up: views still");
        assertThat(uniform.path("setUpCatchUp").path("caughtUp").asBoolean(true))
                .as("the wait after opening the accounts ended behind, and the windows ran all the same").isFalse();
        assertThat(uniform.path("books").path("ledgerTrialBalanceBalanced").isNull())
                .as("a trial balance read from views that are behind proves nothing, so it is not read").isTrue();
        assertThat(uniform.path("books").path("anchorSumOfBalancesMinor").asLong()).isZero();
        // The views got one more wait before the next scenario, which also ended behind: the session gave up.
        assertThat(result.path("waitedAgain")).hasSize(1);
        assertThat(result.path("waitedAgain").get(0).path("before").asText()).isEqualTo("scenario holds");
        assertThat(result.path("waitedAgain").get(0).path("catchUp").path("caughtUp").asBoolean(true)).isFalse();
        assertThat(result.path("skipped").findValuesAsText("step"))
                .containsExactly("scenario holds", "point-in-time queries", "rebuild");
        assertThat(result.path("skipped").get(0).path("why").asText()).contains("views still");
        assertThat(result.path("pointInTimeQuery").isNull()).isTrue();
        assertThat(result.path("balanceViewRebuild").isNull()).isTrue();
        assertThat(result.path("endOfRun").path("caughtUp").asBoolean(true)).isFalse();
        assertThat(Files.readString(out.resolve("summary.txt"))).contains("uniform",
                "uniform: views still", "skipped scenario holds", "skipped rebuild", "unread");
        assertThat(printed.toString()).contains("result: ");
    }

    @Test
    void anUnknownScenarioIsRefusedBeforeAnythingStarts(@TempDir Path dir) {
        StringWriter errors = new StringWriter();
        int exitCode = new CommandLine(new LedgerHarness()).setErr(new PrintWriter(errors)).execute("bench",
                "--scenario", "sideways", "--out", dir.resolve("results").toString());

        assertThat(exitCode).isNotZero();
        assertThat(dir.resolve("results").resolve("result.json")).doesNotExist();
    }
}
