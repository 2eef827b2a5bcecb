package io.ledger.query;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectionProgressTest {

    private static final long SHORT_WAIT_MILLIS = 300;
    private static final long LONG_WAIT_MILLIS = 5_000;
    /** Timers may round a little; a wait this much shorter than asked still counts as "the full timeout". */
    private static final Duration TOLERANCE = Duration.ofMillis(20);
    /** Far below the long wait, far above any scheduling hiccup. */
    private static final Duration PROMPTLY = Duration.ofMillis(1_000);

    private final ProjectionProgress progress = new ProjectionProgress();

    @Test
    void waitsForTheWholeTimeoutWhenNobodySignals() throws InterruptedException {
        long start = System.nanoTime();
        progress.awaitSignal(SHORT_WAIT_MILLIS);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(SHORT_WAIT_MILLIS).minus(TOLERANCE));
    }

    @Test
    void returnsPromptlyWhenAnotherThreadSignals() throws InterruptedException {
        SignalWaiter waiter = SignalWaiter.start(progress, LONG_WAIT_MILLIS);

        progress.signal();

        assertThat(waiter.elapsed(Duration.ofMillis(LONG_WAIT_MILLIS * 2))).isLessThan(PROMPTLY);
    }

    @Test
    void wakesEveryWaiterWithOneSignal() throws InterruptedException {
        SignalWaiter first = SignalWaiter.start(progress, LONG_WAIT_MILLIS);
        SignalWaiter second = SignalWaiter.start(progress, LONG_WAIT_MILLIS);

        progress.signal();

        assertThat(first.elapsed(Duration.ofMillis(LONG_WAIT_MILLIS * 2))).isLessThan(PROMPTLY);
        assertThat(second.elapsed(Duration.ofMillis(LONG_WAIT_MILLIS * 2))).isLessThan(PROMPTLY);
    }

    @Test
    void doesNotRememberASignalRaisedBeforeAnyoneWaited() throws InterruptedException {
        progress.signal();

        long start = System.nanoTime();
        progress.awaitSignal(SHORT_WAIT_MILLIS);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(SHORT_WAIT_MILLIS).minus(TOLERANCE));
    }

    @Test
    void givesUpAtOnceForATimeoutOfZero() throws InterruptedException {
        long start = System.nanoTime();
        progress.awaitSignal(0);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(elapsed).isLessThan(PROMPTLY);
    }
}
