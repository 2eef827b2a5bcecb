package io.ledger.api.chain;

import io.ledger.api.chain.StreamHeadCache.Head;
import io.ledger.core.chain.ChainedEvent;
import io.ledger.core.chain.EventHash;
import io.ledger.query.chain.EventLog;
import io.ledger.query.chain.StoredEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The last chain hash of each stream a batch appends to: the batch's own earlier events first, else the
 * committed head remembered by this node, else the stored predecessor, read once per stream on the appending
 * transaction's connection.
 */
final class StreamHeads {

    private final Connection connection;
    private final StreamHeadCache committed;
    private final Map<String, Head> heads = new HashMap<>();

    StreamHeads(Connection connection, StreamHeadCache committed) {
        this.connection = connection;
        this.committed = committed;
    }

    byte[] previousHash(ChainedEvent event) throws SQLException {
        if (event.sequenceNumber() == 0) {
            return EventHash.genesis();
        }
        Head head = heads.get(event.aggregateIdentifier());
        if (head != null && head.sequenceNumber() == event.sequenceNumber() - 1) {
            return head.chainHash();
        }
        byte[] remembered = committed.hashOf(event.aggregateIdentifier(), event.sequenceNumber() - 1);
        if (remembered != null) {
            return remembered;
        }
        return storedHash(event.aggregateIdentifier(), event.sequenceNumber() - 1);
    }

    void advance(ChainedEvent event, byte[] chainHash) {
        heads.put(event.aggregateIdentifier(), new Head(event.sequenceNumber(), chainHash));
    }

    /** The heads this batch leaves behind, to be remembered once (and only if) its transaction commits. */
    Map<String, Head> batchHeads() {
        return Map.copyOf(heads);
    }

    private byte[] storedHash(String aggregateIdentifier, long sequenceNumber) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT chainHash FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber = ?")) {
            select.setString(1, aggregateIdentifier);
            select.setLong(2, sequenceNumber);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    // The aggregate was loaded from this event a moment ago; if it is gone, someone removed it, and
                    // chaining past the hole would hide that.
                    throw new IllegalStateException("Cannot chain event " + (sequenceNumber + 1) + " of stream "
                            + aggregateIdentifier + ": its predecessor is not in the event store");
                }
                byte[] stored = row.getBytes(1);
                return stored != null ? stored : rechained(aggregateIdentifier, sequenceNumber + 1);
            }
        }
    }

    /**
     * The chain of a stream whose events were stored before the chain existed, recomputed from its rows. Needed
     * once per such stream: its next event stores a hash, and later appends read that.
     */
    private byte[] rechained(String aggregateIdentifier, long beforeSequenceNumber) throws SQLException {
        byte[] hash = EventHash.genesis();
        for (StoredEvent stored : EventLog.streamBefore(connection, aggregateIdentifier, beforeSequenceNumber)) {
            hash = stored.chainHash() != null ? stored.chainHash() : EventHash.of(hash, stored.event());
        }
        return hash;
    }
}
