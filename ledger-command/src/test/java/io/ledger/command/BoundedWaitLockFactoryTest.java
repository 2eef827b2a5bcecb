package io.ledger.command;

import org.axonframework.common.lock.DeadlockException;
import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The account locks: exclusive, reentrant, a bounded wait, and no trace of an account nobody uses. */
class BoundedWaitLockFactoryTest {

    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aBusyAccountIsWaitedForAsLongAsConfiguredThenGivenUp() throws Exception {
        for (Duration lockWait : new Duration[]{Duration.ofMillis(50), Duration.ofMillis(700)}) {
            BoundedWaitLockFactory locks = new BoundedWaitLockFactory(lockWait);
            CountDownLatch release = new CountDownLatch(1);
            Future<?> holder = holdUntil(locks, "account-1", release);

            long started = System.nanoTime();
            Throwable refused = threads.submit(() -> catchThrowable(() -> locks.obtainLock("account-1")))
                    .get(30, TimeUnit.SECONDS);
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            release.countDown();
            holder.get(10, TimeUnit.SECONDS);

            assertThat(refused).isExactlyInstanceOf(LockAcquisitionFailedException.class)
                    .hasMessageContaining("account-1");
            assertThat(waited).as("waited for a lock wait of %s", lockWait)
                    .isGreaterThanOrEqualTo(lockWait)
                    .isLessThan(lockWait.plusSeconds(5));
            assertThat(locks.locksInUse()).as("the waiter that gave up and the holder left no lock behind")
                    .isZero();
        }
    }

    @Test
    void aLockReleasedDuringTheWaitIsTakenThenNotAtTheEndOfTheWait() throws Exception {
        BoundedWaitLockFactory locks = new BoundedWaitLockFactory(Duration.ofSeconds(30));
        CountDownLatch release = new CountDownLatch(1);
        Future<?> holder = holdUntil(locks, "account-1", release);
        Future<Long> taken = threads.submit(() -> {
            Lock lock = locks.obtainLock("account-1");
            long at = System.nanoTime();
            lock.release();
            return at;
        });
        Thread.sleep(200);
        long releasedAt = System.nanoTime();
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(taken.get(20, TimeUnit.SECONDS) - releasedAt)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void onlyOneThreadAtATimeHoldsAnAccountAndItMayTakeItAgain() throws Exception {
        BoundedWaitLockFactory locks = new BoundedWaitLockFactory(Duration.ofSeconds(30));
        int[] unguardedCounter = {0};
        List<Future<?>> workers = new ArrayList<>();
        for (int worker = 0; worker < 4; worker++) {
            workers.add(threads.submit(() -> {
                for (int i = 0; i < 2_000; i++) {
                    Lock outer = locks.obtainLock("account-1");
                    Lock inner = locks.obtainLock("account-1");
                    assertThat(inner.isHeld()).isTrue();
                    unguardedCounter[0]++;
                    inner.release();
                    assertThat(outer.isHeld()).as("still held once by the outer lock").isTrue();
                    outer.release();
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(60, TimeUnit.SECONDS);
        }

        assertThat(unguardedCounter[0]).isEqualTo(8_000);
        assertThat(locks.locksInUse()).isZero();
    }

    @Test
    void aReleasedLockIsNoLongerHeldAndReleasingTwiceChangesNothing() throws Exception {
        BoundedWaitLockFactory locks = new BoundedWaitLockFactory(Duration.ofMillis(100));
        Lock lock = locks.obtainLock("account-1");
        assertThat(threads.submit(lock::isHeld).get(10, TimeUnit.SECONDS)).as("on another thread").isFalse();

        lock.release();
        lock.release();

        assertThat(lock.isHeld()).isFalse();
        assertThat(locks.locksInUse()).isZero();
        Throwable onAnotherThread = threads.submit(() -> catchThrowable(() -> locks.obtainLock("account-1")
                .release())).get(10, TimeUnit.SECONDS);
        assertThat(onAnotherThread).as("free for others").isNull();
    }

    @Test
    void aCycleOfWaitsIsBrokenByTheBoundedWaitNotByADeadlockSearch() throws Exception {
        // The ledger takes accounts in id order, so this cannot happen between its commands; if it did, one of
        // the two would give up after the wait (answered CONTENTION) and the other would go on.
        BoundedWaitLockFactory locks = new BoundedWaitLockFactory(Duration.ofMillis(300));
        CountDownLatch bothHoldTheirFirst = new CountDownLatch(2);
        long started = System.nanoTime();
        Future<Throwable> first = threads.submit(() -> takeBoth(locks, "a", "b", bothHoldTheirFirst));
        Future<Throwable> second = threads.submit(() -> takeBoth(locks, "b", "a", bothHoldTheirFirst));
        List<Throwable> failures = new ArrayList<>();
        failures.add(first.get(60, TimeUnit.SECONDS));
        failures.add(second.get(60, TimeUnit.SECONDS));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(failures).filteredOn(failure -> failure != null).isNotEmpty()
                .allSatisfy(failure -> assertThat(failure).isExactlyInstanceOf(LockAcquisitionFailedException.class)
                        .isNotInstanceOf(DeadlockException.class));
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        assertThat(locks.locksInUse()).isZero();
    }

    /** Takes {@code first}, waits until the other thread holds its first lock too, then takes {@code second}. */
    private static Throwable takeBoth(BoundedWaitLockFactory locks, String first, String second,
                                      CountDownLatch bothHoldTheirFirst) throws InterruptedException {
        Lock held = locks.obtainLock(first);
        try {
            bothHoldTheirFirst.countDown();
            bothHoldTheirFirst.await();
            return catchThrowable(() -> locks.obtainLock(second).release());
        } finally {
            held.release();
        }
    }

    private Future<?> holdUntil(BoundedWaitLockFactory locks, String id, CountDownLatch release)
            throws InterruptedException {
        CountDownLatch taken = new CountDownLatch(1);
        Future<?> holder = threads.submit(() -> {
            Lock lock = locks.obtainLock(id);
            taken.countDown();
            try {
                release.await();
            } finally {
                lock.release();
            }
            return null;
        });
        assertThat(taken.await(10, TimeUnit.SECONDS)).isTrue();
        return holder;
    }
}
