package io.ledger.query;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A store's writes of one unit of work, kept in memory and written out when it commits. Under an event processor
 * the unit of work is a whole batch of events in one database transaction, so a view can write the batch's rows in
 * a few JDBC batches instead of a round trip to the database per statement per event, and a hot account's balance
 * once per batch instead of once per transfer.
 *
 * <p>The buffer is written in the unit of work's prepare-commit phase, inside its transaction and before the
 * transaction commits with the processor's token; a failed write rolls the whole batch back. A unit of work that
 * rolls back drops its buffer with it. Only the thread of the unit of work that wrote sees the buffer: a query,
 * even one handled in a unit of work of its own, sees the committed tables.
 *
 * @param <B> the store's record of what to write
 */
public final class UnitOfWorkBuffer<B> {

    private static final AtomicLong INSTANCES = new AtomicLong();

    private final String resourceKey = UnitOfWorkBuffer.class.getName() + "#" + INSTANCES.incrementAndGet();
    private final Supplier<B> emptyBuffer;
    private final Consumer<B> writeOut;

    /**
     * @param emptyBuffer makes the record of a unit of work's writes, on its first write
     * @param writeOut    writes a record out, in the unit of work's transaction; throws to roll it back
     */
    public UnitOfWorkBuffer(Supplier<B> emptyBuffer, Consumer<B> writeOut) {
        this.emptyBuffer = emptyBuffer;
        this.writeOut = writeOut;
    }

    /** The buffer for a write: the current unit of work's, made on its first write; null outside a unit of work. */
    public B forWriting() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(resourceKey, key -> {
            B buffer = emptyBuffer.get();
            root.onPrepareCommit(committing -> writeOut.accept(buffer));
            return buffer;
        });
    }

    /** The current unit of work's buffer if it has written; null otherwise, and outside a unit of work. */
    public B forReading() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        return CurrentUnitOfWork.get().root().getResource(resourceKey);
    }
}
