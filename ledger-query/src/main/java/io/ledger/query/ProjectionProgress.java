package io.ledger.query;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A wake-up signal that a projection raises after it commits, so that a request waiting to read its own write
 * re-checks the read model at once instead of sleeping a fixed interval. It carries no data: waiters always
 * re-read the database, which stays the only source of truth (another node may have done the projecting).
 */
public final class ProjectionProgress {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();

    /** Wakes every waiter. */
    public void signal() {
        lock.lock();
        try {
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the next signal or until {@code maxWaitMillis} pass, whichever is first. */
    public void awaitSignal(long maxWaitMillis) throws InterruptedException {
        lock.lock();
        try {
            advanced.await(maxWaitMillis, TimeUnit.MILLISECONDS);
        } finally {
            lock.unlock();
        }
    }
}
