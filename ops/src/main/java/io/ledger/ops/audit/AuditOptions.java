package io.ledger.ops.audit;

import io.ledger.ops.store.StoreOptions;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Options every audit subcommand shares: where the store is, where the report goes, and progress. */
final class AuditOptions {

    @Mixin
    StoreOptions store = new StoreOptions();

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path out;

    @Option(names = "--quiet", description = "No progress lines on stderr.")
    boolean quiet;

    @Option(names = "--settle-window", paramLabel = "DURATION", defaultValue = "PT10S",
            converter = DurationConverter.class,
            description = "How long after its stamp an event is sure to have committed; the service's "
                    + "ledger.settle-window (default: ${DEFAULT-VALUE}).")
    Duration settleWindow;

    Progress progress(PrintStream err, String task, long lastIndex) {
        if (quiet) {
            return Progress.silent();
        }
        collectorHint(lastIndex, collectorNames()).ifPresent(hint -> err.println(task + ": " + hint));
        return new Progress(err, task, lastIndex, System::nanoTime);
    }

    /** From this many events on, a replay's collector matters (docs/performance.md, "Audit replay"). */
    static final long LARGE_STORE_EVENTS = 1_000_000;

    /**
     * A hint, for a large store read on a JVM that does not run the parallel collector, that {@code ops/ledger-ops}
     * does: on 2 cores the collector that copies on one thread held a replay of millions of events back by 1.1x
     * to 2x, and the JVM's default collector is G1. The tool cannot choose its collector once started.
     */
    static Optional<String> collectorHint(long lastIndex, List<String> collectorNames) {
        boolean parallel = collectorNames.stream().anyMatch(name -> name.startsWith("PS "));
        if (lastIndex < LARGE_STORE_EVENTS || parallel) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%,d events to read; ops/ledger-ops runs this tool with "
                + "-XX:+UseParallelGC -Xmn256m -Xms2g, which replayed stores of millions of events 1.1 to 2 times "
                + "as fast (docs/performance.md, \"Audit replay\")", lastIndex));
    }

    private static List<String> collectorNames() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList();
    }

    /** Writes the report to --out, or to stdout. */
    void emit(String report, PrintWriter stdout) throws IOException {
        if (out == null) {
            stdout.print(report);
            stdout.flush();
        } else {
            Files.writeString(out, report, StandardCharsets.UTF_8);
        }
    }

    /**
     * An instant as the API takes it: ISO 8601 with an explicit offset. An instant without an offset is ambiguous
     * and refused, as the service refuses it (docs/time.md).
     */
    static final class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException unreadable) {
                throw new picocli.CommandLine.TypeConversionException("'" + value
                        + "' is not an instant with an offset, e.g. 2026-06-30T17:00:00Z or 2026-06-30T19:00:00+02:00");
            }
        }
    }

    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Duration.parse(value);
            } catch (DateTimeParseException unreadable) {
                throw new picocli.CommandLine.TypeConversionException("'" + value
                        + "' is not an ISO 8601 duration, e.g. PT10S");
            }
        }
    }
}
