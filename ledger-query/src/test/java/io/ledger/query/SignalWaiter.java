package io.ledger.query;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reader on another thread that waits for {@link ProjectionProgress#awaitSignal}. {@link #start} returns only
 * once that thread is parked inside the wait, so a signal raised afterwards cannot be lost to a race with it.
 */
public final class SignalWaiter {

    private final Thread thread;
    private volatile long elapsedNanos = -1;
    private volatile Throwable failure;

    private SignalWaiter(ProjectionProgress progress, long maxWaitMillis) {
        thread = new Thread(() -> {
            long start = System.nanoTime();
            try {
                progress.awaitSignal(maxWaitMillis);
            } catch (Throwable unexpected) {
                failure = unexpected;
            }
            elapsedNanos = System.nanoTime() - start;
        }, "signal-waiter");
        thread.setDaemon(true);
    }

    /** Starts a waiter and returns once it is parked in {@code awaitSignal(maxWaitMillis)}. */
    public static SignalWaiter start(ProjectionProgress progress, long maxWaitMillis) throws InterruptedException {
        SignalWaiter waiter = new SignalWaiter(progress, maxWaitMillis);
        waiter.thread.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        // A parked Condition.await(time) is the only timed wait this thread does, so TIMED_WAITING means "inside".
        while (waiter.thread.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            if (waiter.thread.getState() == Thread.State.TERMINATED) {
                break;
            }
            Thread.onSpinWait();
        }
        assertThat(waiter.thread.getState()).as("waiter parked in awaitSignal").isEqualTo(Thread.State.TIMED_WAITING);
        return waiter;
    }

    /** How long {@code awaitSignal} took to return; fails if it has not returned within {@code patience}. */
    public Duration elapsed(Duration patience) throws InterruptedException {
        thread.join(patience.toMillis());
        assertThat(thread.isAlive()).as("waiter still waiting after %s", patience).isFalse();
        assertThat(failure).as("awaitSignal threw").isNull();
        return Duration.ofNanos(elapsedNanos);
    }
}
