package io.ledger.harness.bench;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntFunction;

/**
 * Runs C closed-loop clients (each sends its next request when the previous one was answered) for a warm-up and
 * then a measured window. Only requests that start inside the window are counted, and the rate divides them by
 * the time from the window's start until the last of them was answered.
 */
public final class LoadRunner {

    private static final long HIGHEST_LATENCY_MICROS = Duration.ofMinutes(2).toNanos() / 1_000;

    private LoadRunner() {
    }

    /** What one measured window produced. */
    public record Window(long requests, long transfers, Map<String, Long> refusals, Map<String, Long> errors,
                         Histogram latencyMicros, double elapsedSeconds) {

        public double transfersPerSecond() {
            return transfers / elapsedSeconds;
        }

        public double requestsPerSecond() {
            return requests / elapsedSeconds;
        }
    }

    public static Window run(IntFunction<ClientDriver> drivers, int clients, Duration warmup, Duration measured)
            throws InterruptedException {
        List<Client> all = new ArrayList<>(clients);
        for (int index = 0; index < clients; index++) {
            all.add(new Client(drivers.apply(index)));
        }
        long start = System.nanoTime();
        long windowStart = start + warmup.toNanos();
        long windowEnd = windowStart + measured.toNanos();
        CountDownLatch done = new CountDownLatch(clients);
        for (Client client : all) {
            Thread thread = new Thread(() -> client.loop(windowStart, windowEnd, done), "bench-client");
            thread.setDaemon(true);
            thread.start();
        }
        done.await();
        return merge(all, windowStart);
    }

    private static Window merge(List<Client> clients, long windowStart) {
        Histogram latency = newHistogram();
        Map<String, Long> refusals = new TreeMap<>();
        Map<String, Long> errors = new TreeMap<>();
        long requests = 0;
        long transfers = 0;
        long lastAnswer = windowStart;
        for (Client client : clients) {
            latency.add(client.latency);
            client.refusals.forEach((code, count) -> refusals.merge(code, count, Long::sum));
            client.errors.forEach((error, count) -> errors.merge(error, count, Long::sum));
            requests += client.requests;
            transfers += client.transfers;
            lastAnswer = Math.max(lastAnswer, client.lastAnswer);
        }
        double elapsedSeconds = Math.max(1, lastAnswer - windowStart) / 1e9;
        return new Window(requests, transfers, refusals, errors, latency, elapsedSeconds);
    }

    static Histogram newHistogram() {
        return new Histogram(1, HIGHEST_LATENCY_MICROS, 3);
    }

    /** One client's loop and its own counters, merged after every client has stopped (no sharing while running). */
    private static final class Client {
        private final ClientDriver driver;
        private final Histogram latency = newHistogram();
        private final Map<String, Long> refusals = new TreeMap<>();
        private final Map<String, Long> errors = new TreeMap<>();
        private long requests;
        private long transfers;
        private long lastAnswer;

        Client(ClientDriver driver) {
            this.driver = driver;
        }

        void loop(long windowStart, long windowEnd, CountDownLatch done) {
            try (driver) {
                long sent;
                while ((sent = System.nanoTime()) < windowEnd) {
                    Outcome outcome = driver.sendNext();
                    long answered = System.nanoTime();
                    if (sent >= windowStart) {
                        count(outcome, sent, answered);
                    }
                }
            } catch (RuntimeException failure) {
                errors.merge("client stopped: " + failure, 1L, Long::sum);
            } finally {
                done.countDown();
            }
        }

        private void count(Outcome outcome, long sent, long answered) {
            requests++;
            lastAnswer = answered;
            latency.recordValue(Math.min(HIGHEST_LATENCY_MICROS, Math.max(1, (answered - sent) / 1_000)));
            transfers += outcome.transfers();
            if (outcome.refusalCode() != null) {
                refusals.merge(outcome.refusalCode(), 1L, Long::sum);
            }
            if (outcome.error() != null) {
                errors.merge(outcome.error(), 1L, Long::sum);
            }
        }
    }
}
