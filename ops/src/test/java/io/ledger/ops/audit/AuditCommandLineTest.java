package io.ledger.ops.audit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line's contract: what it refuses, where progress goes, and --out. */
class AuditCommandLineTest {

    @TempDir
    static Path dir;
    private static String url;

    @BeforeAll
    static void aSmallStore() throws Exception {
        url = TestStores.h2(dir);
        TestStores.fill(url, "sa", "", 9, 4, 300);
    }

    @Test
    void anInstantWithoutAnOffsetIsRefusedAsAmbiguous() {
        AuditRun run = AuditRun.of(url, "audit", "replay", "--until", "2026-06-30T17:00:00");

        assertThat(run.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run.err()).contains("not an instant with an offset");
    }

    @Test
    void anOffsetIsAcceptedAndMeansTheSameInstant() {
        AuditRun utc = AuditRun.of(url, "audit", "replay", "--quiet", "--format", "json",
                "--until", "2026-06-01T08:00:30Z");
        AuditRun plusTwo = AuditRun.of(url, "audit", "replay", "--quiet", "--format", "json",
                "--until", "2026-06-01T10:00:30+02:00");

        assertThat(plusTwo.out()).isEqualTo(utc.out()).contains("eur-customer-0");
    }

    @Test
    void aDiffWhoseStartIsAfterItsEndIsRefused() {
        AuditRun run = AuditRun.of(url, "audit", "diff", "--from", "2026-06-02T00:00:00Z", "--to",
                "2026-06-01T00:00:00Z");

        assertThat(run.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run.err()).contains("--from must not be after --to");
    }

    @Test
    void anUnknownFormatIsRefused() {
        AuditRun run = AuditRun.of(url, "audit", "replay", "--until", "2026-06-01T08:00:30Z", "--format", "xml");

        assertThat(run.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run.err()).contains("'xml' is not one of table, json, csv");
    }

    @Test
    void progressGoesToStderrSoStdoutIsTheSameReportWithOrWithoutIt() {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        AuditRun withProgress;
        try {
            withProgress = AuditRun.of(url, "audit", "replay", "--format", "json", "--until", "2030-01-01T00:00:00Z");
        } finally {
            System.setErr(original);
        }
        AuditRun quiet = AuditRun.of(url, "audit", "replay", "--quiet", "--format", "json",
                "--until", "2030-01-01T00:00:00Z");

        assertThat(withProgress.out()).isEqualTo(quiet.out());
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("audit replay: done,", "events/s");
    }

    @Test
    void progressReportsEventsRateAndTimeLeftAtMostOncePerSecond() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicLong nanos = new AtomicLong();
        Progress progress = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), "audit replay",
                20_000, nanos::get);
        for (long index = 1; index <= 8_192; index++) {
            nanos.addAndGet(250_000);
            progress.eventDone(index);
        }

        String lines = err.toString(StandardCharsets.UTF_8);
        assertThat(lines.lines()).hasSize(2);
        assertThat(lines).contains("audit replay: 4,096 events, 4,000 events/s, about 4 s left",
                "audit replay: 8,192 events, 4,000 events/s, about 3 s left");
    }

    @Test
    void theReportCanGoToAFileLeavingStdoutEmpty() throws Exception {
        Path out = dir.resolve("report.csv");

        AuditRun run = AuditRun.of(url, "audit", "replay", "--quiet", "--format", "csv", "--out", out.toString(),
                "--until", "2030-01-01T00:00:00Z");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(Files.readString(out)).startsWith("section,account,currency,name,status,posted")
                .contains("trial_balance,EUR,");
    }
}
