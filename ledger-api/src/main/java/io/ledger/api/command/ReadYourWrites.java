package io.ledger.api.command;

import io.ledger.api.config.LedgerProperties;
import io.ledger.query.ProjectionProgress;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Makes the ledger read-your-writes consistent for HTTP clients. The read side is fed asynchronously by a
 * streaming event processor, so right after a command commits the balance view may not show it yet. Before a
 * write is answered, the API waits (bounded) until the view shows the written transfer or account; since the
 * view is updated in event order and in one transaction per batch, every read that follows the answer sees the
 * write's effect on every balance.
 *
 * <p>If the view does not catch up in time the write is still answered (it is durable), with
 * {@code X-Ledger-Consistency: pending} so that the client knows a read may briefly lag.
 */
@Component
public class ReadYourWrites {

    private static final long MAX_SLEEP_MILLIS = 20;

    private final ProjectionProgress progress;
    private final ViewRebuild rebuild;
    private final ProjectionLag lag;
    private final long timeoutNanos;

    public ReadYourWrites(ProjectionProgress progress, ViewRebuild rebuild, ProjectionLag lag,
                          LedgerProperties properties) {
        this.progress = progress;
        this.rebuild = rebuild;
        this.lag = lag;
        this.timeoutNanos = properties.readYourWritesTimeout().toNanos();
    }

    /** Whether {@code visible} became true within the configured timeout. */
    public boolean awaitVisible(BooleanSupplier visible) {
        return await(() -> visible.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty()).isPresent();
    }

    /**
     * Returns {@code read}'s first non-empty answer once the balance view has also reached the position of the
     * last event committed before this call, or empty if that did not happen within the configured timeout. The second condition
     * matters because the view may apply one write's events in two batches: the transfer's record can be visible
     * a moment before its credit leg is.
     */
    public <T> Optional<T> await(Supplier<Optional<T>> read) {
        var head = rebuild.inProgress() ? null : lag.head();
        return awaitRead(() -> lag.balanceViewReached(head) ? read.get() : Optional.empty());
    }

    private <T> Optional<T> awaitRead(Supplier<Optional<T>> read) {
        // While the view is rebuilt its processor is paused: waiting would only delay every write by the timeout.
        long deadline = System.nanoTime() + (rebuild.inProgress() ? 0 : timeoutNanos);
        while (true) {
            Optional<T> answer = read.get();
            long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (answer.isPresent() || remainingMillis <= 0) {
                return answer;
            }
            try {
                progress.awaitSignal(Math.min(remainingMillis, MAX_SLEEP_MILLIS));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return answer;
            }
        }
    }
}
