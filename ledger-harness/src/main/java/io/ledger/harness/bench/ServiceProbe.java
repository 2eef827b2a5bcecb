package io.ledger.harness.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Watches the service while clients drive it: every {@code intervalMillis} it reads each view's position against
 * the head of the event store (GET /api/v1/admin/projections) and the process's resident memory. The lag in
 * time of a sample is how long ago the head first went past the position the slowest view has now reached; it is
 * accurate to one sampling interval.
 */
public final class ServiceProbe implements AutoCloseable {

    /** One reading: when, the head's position, the slowest view's position, resident memory (KiB). */
    public record Sample(long atNanos, long headPosition, long slowestViewPosition, long rssKib) {
    }

    private final LedgerHttp http;
    private final long pid;
    private final long intervalMillis;
    private final List<Sample> samples = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    private ServiceProbe(LedgerHttp http, long pid, long intervalMillis) {
        this.http = http;
        this.pid = pid;
        this.intervalMillis = intervalMillis;
        this.thread = new Thread(this::loop, "bench-probe");
        this.thread.setDaemon(true);
    }

    public static ServiceProbe start(LedgerHttp http, long pid, long intervalMillis) {
        ServiceProbe probe = new ServiceProbe(http, pid, intervalMillis);
        probe.thread.start();
        return probe;
    }

    private void loop() {
        while (running.get()) {
            Sample sample = sampleNow();
            if (sample != null) {
                synchronized (samples) {
                    samples.add(sample);
                }
            }
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException interrupted) {
                return;
            }
        }
    }

    private Sample sampleNow() {
        try {
            long at = System.nanoTime();
            JsonNode views = http.get("/api/v1/admin/projections").json();
            long head = -1;
            long slowest = Long.MAX_VALUE;
            for (JsonNode view : views) {
                head = Math.max(head, view.path("headPosition").asLong());
                slowest = Math.min(slowest, view.path("viewPosition").asLong());
            }
            return new Sample(at, head, slowest == Long.MAX_VALUE ? head : slowest, memoryKib(pid, "VmRSS"));
        } catch (IOException | RuntimeException unavailable) {
            return null;
        }
    }

    /** Stops sampling and returns the samples taken. */
    public List<Sample> stop() throws InterruptedException {
        running.set(false);
        thread.interrupt();
        thread.join();
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** For each sample, the views' lag in events. */
    public static long[] lagEvents(List<Sample> samples) {
        return samples.stream().mapToLong(sample -> Math.max(0, sample.headPosition() - sample.slowestViewPosition()))
                .toArray();
    }

    /**
     * For each sample, the views' lag in milliseconds: now minus when the head first passed the slowest view's
     * position, which is about when the oldest event the view has not processed yet was committed.
     */
    public static long[] lagMillis(List<Sample> samples) {
        long[] lags = new long[samples.size()];
        int earliest = 0;
        for (int index = 0; index < samples.size(); index++) {
            Sample sample = samples.get(index);
            if (sample.slowestViewPosition() >= sample.headPosition()) {
                lags[index] = 0;
                continue;
            }
            while (earliest < index && samples.get(earliest).headPosition() <= sample.slowestViewPosition()) {
                earliest++;
            }
            lags[index] = (sample.atNanos() - samples.get(earliest).atNanos()) / 1_000_000;
        }
        return lags;
    }

    /** A memory figure of a live process from /proc/&lt;pid&gt;/status in KiB (VmHWM is the peak RSS), or -1. */
    public static long memoryKib(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            return -1;
        }
        return -1;
    }
}
