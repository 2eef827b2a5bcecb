package io.ledger.ops.audit;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a long run on stderr, at most once a second: events done, events per second, and time left
 * estimated from the store's last position. stdout stays clean for the report.
 */
final class Progress {

    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final PrintStream err;
    private final String task;
    private final long lastIndex;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private long events;
    private long nextReportNanos;

    Progress(PrintStream err, String task, long lastIndex, LongSupplier nanoClock) {
        this.err = err;
        this.task = task;
        this.lastIndex = lastIndex;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.nextReportNanos = startNanos + INTERVAL_NANOS;
    }

    static Progress silent() {
        return new Progress(null, "", 0, System::nanoTime);
    }

    /** Counts one event at {@code globalIndex}; reads the clock only every 4,096 events to stay cheap. */
    void eventDone(long globalIndex) {
        events++;
        if (err == null || (events & 4095) != 0) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (now >= nextReportNanos) {
            nextReportNanos = now + INTERVAL_NANOS;
            double rate = eventsPerSecond(now);
            long left = Math.max(0, lastIndex - globalIndex);
            err.printf(Locale.ROOT, "%s: %,d events, %,.0f events/s, about %,d s left%n", task, events, rate,
                    rate > 0 ? Math.round(left / rate) : 0);
        }
    }

    long events() {
        return events;
    }

    double eventsPerSecond(long nowNanos) {
        double seconds = (nowNanos - startNanos) / 1e9;
        return seconds > 0 ? events / seconds : 0;
    }

    double seconds() {
        return (nanoClock.getAsLong() - startNanos) / 1e9;
    }

    /** The closing line: how much was read and how fast. */
    void finish() {
        if (err != null) {
            long now = nanoClock.getAsLong();
            err.printf(Locale.ROOT, "%s: done, %,d events in %.2f s, %,.0f events/s%n", task, events,
                    (now - startNanos) / 1e9, eventsPerSecond(now));
        }
    }
}
