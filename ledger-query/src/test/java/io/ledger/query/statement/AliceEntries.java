package io.ledger.query.statement;

import io.ledger.core.statement.EntryType;
import io.ledger.core.statement.StatementEntry;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/** One account's entries written straight to a store, and units of work to write them in, for the store tests. */
final class AliceEntries {

    static final String ALICE = "acct-alice";
    static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

    private AliceEntries() {
    }

    static StatementEntry opened() {
        return new StatementEntry(ALICE, 0, 0, T0, EntryType.OPENED, null, null, 0, "EUR", Map.of(), 0, 0, 0);
    }

    /** Entry {@code seq}, crediting {@code amountMinor} after {@code before}. */
    static StatementEntry credit(long seq, long amountMinor, StatementEntry before) {
        return new StatementEntry(ALICE, seq, seq, T0.plusSeconds(seq), EntryType.CREDIT, "trf-" + seq, "acct-bob",
                amountMinor, "EUR", Map.of(), before.postedAfterMinor() + amountMinor, 0, 0);
    }

    /** Runs the work in a unit of work of its own; what it throws, even at commit, is thrown here. */
    static void inUnitOfWork(Runnable work) {
        inUnitOfWork(() -> {
            work.run();
            return null;
        });
    }

    static <T> T inUnitOfWork(Supplier<T> work) {
        var result = DefaultUnitOfWork.startAndGet(null).executeWithResult(work::get);
        if (result.isExceptional()) {
            throw (RuntimeException) result.exceptionResult();
        }
        return result.getPayload();
    }
}
