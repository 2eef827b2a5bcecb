package io.ledger.ops.audit;

import io.ledger.core.chain.CheckpointHash;
import io.ledger.core.chain.CheckpointSignature;
import io.ledger.core.chain.EventHash;
import io.ledger.ops.audit.ChainFinding.Kind;
import io.ledger.query.chain.Checkpoint;
import io.ledger.query.chain.CheckpointLog;
import io.ledger.query.chain.StoredEvent;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Recomputes the checkpoints alongside the events, which arrive in global order: each event is added to the
 * checkpoint whose range holds it, and a checkpoint is compared with what was stored once the events have passed
 * its range. Checkpoints are read a page at a time, so memory stays constant however many there are.
 */
final class CheckpointWalk {

    private static final int PAGE_SIZE = 1000;

    private final Connection connection;
    private final Optional<CheckpointSignature> signer;
    private final Consumer<ChainFinding> report;
    private final Deque<Checkpoint> fetched = new ArrayDeque<>();
    private long lastFetchedNumber;
    private boolean allFetched;

    private Checkpoint current;
    private CheckpointHash recomputed;
    private long previousNumber;
    private long previousLastIndex;
    private byte[] previousHash = EventHash.genesis();

    private long checked;
    private long signed;
    private long eventsCovered;

    CheckpointWalk(Connection connection, Optional<CheckpointSignature> signer, Consumer<ChainFinding> report) {
        this.connection = connection;
        this.signer = signer;
        this.report = report;
    }

    /** Adds the next event in global order to the checkpoint that covers it, if one does. */
    void cover(StoredEvent stored) throws SQLException {
        while (current == null || stored.globalIndex() > current.lastGlobalIndex()) {
            if (current != null) {
                close();
            }
            if (!open()) {
                return;
            }
        }
        if (stored.globalIndex() > current.afterGlobalIndex()) {
            recomputed.add(stored.globalIndex(), stored.aggregateIdentifier(), stored.sequenceNumber(),
                    stored.chainHash());
        }
    }

    /** Checks the checkpoints no event reached: their ranges are empty now. */
    void finish() throws SQLException {
        if (current != null) {
            close();
        }
        while (open()) {
            close();
        }
    }

    long checked() {
        return checked;
    }

    long signed() {
        return signed;
    }

    long eventsCovered() {
        return eventsCovered;
    }

    long lastCoveredIndex() {
        return previousLastIndex;
    }

    private boolean open() throws SQLException {
        Checkpoint next = next();
        if (next == null) {
            return false;
        }
        if (next.number() != previousNumber + 1) {
            report.accept(ChainFinding.atCheckpoint(Kind.BROKEN_CHECKPOINT, next.number(), "it follows checkpoint "
                    + previousNumber + ": the checkpoints in between were removed"));
        }
        if (next.afterGlobalIndex() != previousLastIndex) {
            report.accept(ChainFinding.atCheckpoint(Kind.BROKEN_CHECKPOINT, next.number(), "its range starts after "
                    + "global index " + next.afterGlobalIndex() + " but the checkpoint before it ended at "
                    + previousLastIndex));
        }
        current = next;
        recomputed = CheckpointHash.after(previousHash);
        return true;
    }

    private void close() {
        byte[] hash = recomputed.finish(current.number(), current.afterGlobalIndex(), current.lastGlobalIndex());
        long found = recomputed.eventCount();
        String range = "it covers global indexes " + current.afterGlobalIndex() + " < i <= "
                + current.lastGlobalIndex() + " and recorded " + current.eventCount() + " events; " + found
                + " are there now: ";
        if (found < current.eventCount()) {
            report.accept(ChainFinding.atCheckpoint(Kind.DELETED, current.number(),
                    range + (current.eventCount() - found) + " deleted"));
        } else if (found > current.eventCount()) {
            report.accept(ChainFinding.atCheckpoint(Kind.INSERTED, current.number(),
                    range + (found - current.eventCount()) + " inserted"));
        } else if (!EventHash.matches(hash, current.hash())) {
            report.accept(ChainFinding.atCheckpoint(Kind.BROKEN_CHECKPOINT, current.number(), "the events in its "
                    + "range are not the ones it covered: an event was altered together with its chain hash, "
                    + "events were replaced, or the checkpoint itself was altered"));
        }
        checkSignature();
        checked++;
        eventsCovered += found;
        previousNumber = current.number();
        previousLastIndex = current.lastGlobalIndex();
        // A stored hash of the wrong shape was reported above; the next checkpoint is then checked from genesis.
        previousHash = current.hash() != null && current.hash().length == EventHash.LENGTH_BYTES
                ? current.hash() : EventHash.genesis();
        current = null;
    }

    private void checkSignature() {
        if (current.signature() != null) {
            signed++;
        }
        if (signer.isEmpty()) {
            return;
        }
        if (current.signature() == null) {
            report.accept(ChainFinding.atCheckpoint(Kind.BAD_SIGNATURE, current.number(), "it is not signed"));
        } else if (!signer.get().verifies(current.hash(), current.signature())) {
            report.accept(ChainFinding.atCheckpoint(Kind.BAD_SIGNATURE, current.number(),
                    "its signature was not made with this key over its hash"));
        }
    }

    private Checkpoint next() throws SQLException {
        if (fetched.isEmpty() && !allFetched) {
            var page = CheckpointLog.pageAfter(connection, lastFetchedNumber, PAGE_SIZE);
            fetched.addAll(page);
            allFetched = page.size() < PAGE_SIZE;
            if (!page.isEmpty()) {
                lastFetchedNumber = page.get(page.size() - 1).number();
            }
        }
        return fetched.poll();
    }
}
