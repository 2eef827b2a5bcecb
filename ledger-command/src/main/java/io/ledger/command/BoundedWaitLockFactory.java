package io.ledger.command;

import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.common.lock.LockFactory;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Per-aggregate locks of one node that wait at most a fixed time and do not look for deadlocks.
 *
 * <p>Axon's {@code PessimisticLockFactory} waits in slices and, before each slice, looks for a deadlock by walking
 * every lock the waiting thread holds, the threads queued on them, the locks those threads hold, and so on. An
 * atomic batch of 1,000 transfers holds up to 2,000 account locks, so batches queued behind one another spent
 * most of their CPU in that walk: 63 % of the request threads' samples with 10 ms slices, still 55 % with 100 ms
 * slices (JFR profiles of the bench's {@code batch1000}, docs/performance.md).
 *
 * <p>The ledger does not need the walk: every command takes its accounts in the order of their ids (a transfer
 * its two, a batch all of its own before its first item), so a cycle of waits between its commands cannot form.
 * Should one form all the same, the bounded wait breaks it: the waiter gives up with a
 * {@link LockAcquisitionFailedException} (answered {@code 503 CONTENTION}, nothing written) and the others go on.
 *
 * <p>Locks are reentrant per thread. An identifier's lock lives in the map while any thread holds it or waits for
 * it, and is dropped with the last of them, so the map holds only the accounts in use.
 */
public final class BoundedWaitLockFactory implements LockFactory {

    private final ConcurrentHashMap<String, SharedLock> locks = new ConcurrentHashMap<>();
    private final long waitNanos;

    public BoundedWaitLockFactory(Duration wait) {
        this.waitNanos = Math.max(0, wait.toNanos());
    }

    @Override
    public Lock obtainLock(String identifier) {
        SharedLock shared = locks.compute(identifier, (id, existing) -> (existing == null ? new SharedLock() : existing)
                .withOneMoreUser());
        boolean acquired = false;
        try {
            acquired = shared.lock.tryLock(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } finally {
            if (!acquired) {
                leave(identifier);
            }
        }
        if (!acquired) {
            throw new LockAcquisitionFailedException("The lock of " + identifier + " was not free within "
                    + Duration.ofNanos(waitNanos).toMillis() + " ms");
        }
        return new HeldLock(identifier, shared);
    }

    /** How many identifiers have a lock right now (held or waited for): for tests. */
    int locksInUse() {
        return locks.size();
    }

    /** One user (holder or waiter) fewer; the last one removes the lock. */
    private void leave(String identifier) {
        locks.computeIfPresent(identifier, (id, shared) -> shared.withOneUserLess());
    }

    /** A lock and the number of its users, changed only inside the map's compute for its key. */
    private static final class SharedLock {
        private final ReentrantLock lock = new ReentrantLock();
        private int users;

        SharedLock withOneMoreUser() {
            users++;
            return this;
        }

        SharedLock withOneUserLess() {
            users--;
            return users == 0 ? null : this;
        }
    }

    private final class HeldLock implements Lock {
        private final String identifier;
        private final SharedLock shared;
        private boolean released;

        private HeldLock(String identifier, SharedLock shared) {
            this.identifier = identifier;
            this.shared = shared;
        }

        @Override
        public void release() {
            if (released) {
                return;
            }
            released = true;
            try {
                shared.lock.unlock();
            } finally {
                leave(identifier);
            }
        }

        @Override
        public boolean isHeld() {
            return !released && shared.lock.isHeldByCurrentThread();
        }
    }
}
