package io.ledger.ops.audit;

import io.ledger.core.chain.CheckpointSignature;
import io.ledger.core.chain.EventHash;
import io.ledger.ops.audit.ChainFinding.Kind;
import io.ledger.query.chain.EventLog;
import io.ledger.query.chain.StoredEvent;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Recomputes the tamper-evident event log from the stored rows alone (docs/tamper-evidence.md): every stream's
 * hash chain, the contiguity of every stream's sequence numbers, and the ledger-wide chain of checkpoints. It reads
 * the events once, in global order, a page at a time; apart from the page it keeps one entry per stream.
 *
 * <p>Each link is checked against the stored hash of its predecessor, not a recomputed one, so that one altered
 * event is reported once, at its own position, rather than at every later event of its stream.
 */
public final class ChainVerifier {

    /** Called after every page with the events checked so far and the last global index read. */
    public interface Progress {
        void update(long eventsChecked, long globalIndex);
    }

    /** What was checked; the findings themselves go to the consumer as they are found. */
    public record Summary(long events, long streams, long checkpoints, long signedCheckpoints,
                          long lastCheckpointedIndex, long eventsAfterLastCheckpoint, long findings) {
    }

    private final Optional<CheckpointSignature> signer;
    private final int pageSize;

    public ChainVerifier(Optional<CheckpointSignature> signer, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("A page holds at least one event");
        }
        this.signer = signer;
        this.pageSize = pageSize;
    }

    public Summary verify(Connection connection, Consumer<ChainFinding> report, Progress progress)
            throws SQLException {
        Pass pass = new Pass(report);
        CheckpointWalk checkpoints = new CheckpointWalk(connection, signer, pass::report);
        long events = 0;
        long lastIndex = 0;
        List<StoredEvent> page;
        do {
            page = EventLog.pageAfter(connection, lastIndex, pageSize);
            for (StoredEvent stored : page) {
                checkpoints.cover(stored);
                pass.checkStream(stored);
                lastIndex = stored.globalIndex();
            }
            events += page.size();
            progress.update(events, lastIndex);
        } while (page.size() == pageSize);
        checkpoints.finish();
        return new Summary(events, pass.heads.size(), checkpoints.checked(), checkpoints.signed(),
                checkpoints.lastCoveredIndex(), events - checkpoints.eventsCovered(), pass.findings);
    }

    /** The state of one verification: where each stream's chain stands, and what was found. */
    private static final class Pass {

        /** A stream's last sequence number and the hash its next event must chain onto (absent: unknown). */
        private record StreamHead(long sequenceNumber, byte[] chainHash) {
        }

        private final Consumer<ChainFinding> findingsOut;
        private final Map<String, StreamHead> heads = new HashMap<>();
        private boolean chainStarted;
        private long findings;

        Pass(Consumer<ChainFinding> findingsOut) {
            this.findingsOut = findingsOut;
        }

        void report(ChainFinding finding) {
            findings++;
            findingsOut.accept(finding);
        }

        void checkStream(StoredEvent stored) {
            StreamHead head = heads.get(stored.aggregateIdentifier());
            long expected = head == null ? 0 : head.sequenceNumber() + 1;
            if (stored.sequenceNumber() < expected) {
                report(at(Kind.INSERTED, stored, "sequence " + stored.sequenceNumber() + " comes after sequence "
                        + head.sequenceNumber() + " of its stream in the global order; the service never writes "
                        + "that"));
                return;
            }
            if (stored.sequenceNumber() > expected) {
                long missing = stored.sequenceNumber() - expected;
                report(at(Kind.DELETED, stored, "sequence " + range(expected, stored.sequenceNumber() - 1)
                        + " of this stream " + (missing == 1 ? "is" : "are")
                        + " missing before this event; its own link cannot be checked"));
                heads.put(stored.aggregateIdentifier(), new StreamHead(stored.sequenceNumber(),
                        usable(stored.chainHash())));
                return;
            }
            byte[] previous = head == null ? EventHash.genesis() : head.chainHash();
            heads.put(stored.aggregateIdentifier(), new StreamHead(stored.sequenceNumber(),
                    checkLink(stored, previous)));
        }

        /** Checks one link; returns the hash the stream's next event must chain onto (absent: unknown). */
        private byte[] checkLink(StoredEvent stored, byte[] previous) {
            if (stored.chainHash() == null) {
                if (chainStarted) {
                    report(at(Kind.INSERTED, stored, "it has no chain hash, and every event the service wrote "
                            + "since the chain began has one"));
                }
                // Events stored before the chain began (migration V9) have no hash; their chain is their content.
                return previous == null ? null : EventHash.of(previous, stored.event());
            }
            chainStarted = true;
            if (previous != null && !EventHash.matches(EventHash.of(previous, stored.event()), stored.chainHash())) {
                report(at(Kind.MODIFIED, stored, "its stored chain hash does not match its content and its "
                        + "predecessor's hash: its payload, metadata or another field was altered after it was "
                        + "written (or its predecessor's stored hash was rewritten)"));
            }
            return usable(stored.chainHash());
        }
    }

    /** A stored hash of the wrong length cannot be chained onto: the link after it is not checked. */
    private static byte[] usable(byte[] chainHash) {
        return chainHash != null && chainHash.length == EventHash.LENGTH_BYTES ? chainHash : null;
    }

    private static ChainFinding at(Kind kind, StoredEvent stored, String detail) {
        return ChainFinding.atEvent(kind, stored.globalIndex(), stored.aggregateIdentifier(), stored.sequenceNumber(),
                detail);
    }

    private static String range(long first, long last) {
        return first == last ? String.valueOf(first) : first + ".." + last;
    }
}
