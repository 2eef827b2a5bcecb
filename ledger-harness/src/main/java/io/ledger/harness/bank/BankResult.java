package io.ledger.harness.bank;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The figures of one run, as written to the result file. {@code verdict} is PASSED only when every check ran and
 * passed, FAILED when any failed, and INCOMPLETE when none failed but some could not run.
 */
public record BankResult(String verdict, String store, long seed, int clients, int accounts,
                         long durationSecondsPlanned, long durationSecondsRun, Operations operations, Faults faults,
                         long lost, long duplicated, long phantom, long altered,
                         Conservation conservation, List<CheckResult> checks, List<Discrepancy> discrepancies) {

    public record Operations(long attempted, long acknowledged, long refused, long unknown,
                             Map<String, Map<String, Long>> byKind, Map<String, Long> refusalCodes,
                             long retriedRequests) {
    }

    public record Faults(int killsPlanned, int kills, int killsSurvived, Recovery killRecovery,
                         int postgresRestartsPlanned, int postgresRestarts, int postgresRestartsSurvived,
                         Recovery postgresRecovery, String failure) {
    }

    /** Time from a restart's start until the service answered again, in milliseconds. */
    public record Recovery(long medianMillis, long maxMillis, List<Long> allMillis) {

        static Recovery of(List<Long> millis) {
            List<Long> sorted = millis.stream().sorted().toList();
            int middle = sorted.size() / 2;
            long median = sorted.isEmpty() ? 0 : sorted.size() % 2 == 1 ? sorted.get(middle)
                    : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
            long max = sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1);
            return new Recovery(median, max, millis);
        }
    }

    /** Per currency, the sum of all posted balances: from the events, and from the service's trial balance. */
    public record Conservation(boolean holds, Map<String, Long> eventSumMinorByCurrency,
                               Map<String, Long> trialBalanceSumMinorByCurrency) {
    }

    public boolean passed() {
        return verdict.equals("PASSED");
    }

    public CheckResult check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No check " + name));
    }

    void writeTo(Path file) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(this));
    }
}
