package io.ledger.harness.bank;

import io.ledger.harness.LedgerClient;
import io.ledger.harness.ServiceProcess;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The faults of a run, one at a time, at random moments spread over the run: SIGKILL of the service followed by a
 * restart on the same data and port, and (on PostgreSQL) an immediate shutdown of the database followed by its
 * restart, after which the service must recover on its own. Records how long each recovery took. It stops at the
 * first recovery that fails.
 */
final class Nemesis implements Runnable {

    private static final Duration MIN_UPTIME = Duration.ofSeconds(5);

    private final ServiceProcess service;
    private final Optional<PostgresCrash> postgres;
    private final LedgerClient probe;
    private final String probeAccountId;
    private final int killsPlanned;
    private final int postgresRestartsPlanned;
    private final long endNanos;
    private final Duration readyTimeout;
    private final Random random;
    private final List<Long> killRecoveryMillis = new CopyOnWriteArrayList<>();
    private final List<Long> postgresRecoveryMillis = new CopyOnWriteArrayList<>();
    private volatile int kills;
    private volatile int postgresRestarts;
    private volatile String failure;

    Nemesis(ServiceProcess service, Optional<PostgresCrash> postgres, LedgerClient probe, String probeAccountId,
            int killsPlanned, int postgresRestartsPlanned, long endNanos, Duration readyTimeout, long seed) {
        this.service = service;
        this.postgres = postgres;
        this.probe = probe;
        this.probeAccountId = probeAccountId;
        this.killsPlanned = killsPlanned;
        this.postgresRestartsPlanned = postgres.isPresent() ? postgresRestartsPlanned : 0;
        this.endNanos = endNanos;
        this.readyTimeout = readyTimeout;
        this.random = new Random(seed);
    }

    @Override
    public void run() {
        try {
            while (faultsLeft() > 0) {
                waitForNextFault();
                if (random.nextInt(faultsLeft()) < postgresRestartsPlanned - postgresRestarts) {
                    restartPostgres();
                } else {
                    killService();
                }
            }
        } catch (IOException | RuntimeException fault) {
            failure = fault.toString();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private int faultsLeft() {
        return killsPlanned - kills + postgresRestartsPlanned - postgresRestarts;
    }

    /**
     * Waits a random part (half to all) of the time left per remaining fault, so that faults spread over the whole
     * run whatever the restarts cost. Once the planned duration is over, the faults still owed follow each other
     * after the minimum uptime: the planned number of faults is part of what a run promises.
     */
    private void waitForNextFault() throws InterruptedException {
        long leftNanos = Math.max(0, endNanos - System.nanoTime());
        long shareNanos = leftNanos / faultsLeft();
        long waitNanos = Math.max(MIN_UPTIME.toNanos(), (long) (shareNanos * (0.5 + random.nextDouble() / 2)));
        Thread.sleep(waitNanos / 1_000_000);
    }

    private void killService() throws IOException, InterruptedException {
        service.kill();
        kills++;
        long millis = service.restart(readyTimeout).toMillis();
        killRecoveryMillis.add(millis);
        progress("kill " + kills + "/" + killsPlanned + ": ready again after " + millis + " ms");
    }

    /** Time to recover counts from the database's restart until the service answers a read from it again. */
    private void restartPostgres() throws IOException, InterruptedException {
        postgres.orElseThrow().crashAndRestart(Duration.ofMillis(500 + random.nextInt(2_500)));
        postgresRestarts++;
        long started = System.nanoTime();
        long deadline = started + readyTimeout.toNanos();
        while (!answersReads()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The service did not recover within " + readyTimeout
                        + " after PostgreSQL restarted");
            }
            Thread.sleep(100);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        postgresRecoveryMillis.add(millis);
        progress("PostgreSQL crash " + postgresRestarts + "/" + postgresRestartsPlanned + ": service answering after "
                + millis + " ms");
    }

    private boolean answersReads() {
        try {
            return probe.get("/api/v1/accounts/" + probeAccountId).status() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static void progress(String line) {
        System.err.println("bank nemesis: " + line);
    }

    int kills() {
        return kills;
    }

    int postgresRestarts() {
        return postgresRestarts;
    }

    List<Long> killRecoveryMillis() {
        return List.copyOf(killRecoveryMillis);
    }

    List<Long> postgresRecoveryMillis() {
        return List.copyOf(postgresRecoveryMillis);
    }

    /** Why the nemesis stopped early (a restart that did not come up), or empty. */
    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }
}
