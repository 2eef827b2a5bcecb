package io.ledger.query.chain;

import io.ledger.core.chain.ChainedEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the event store's rows with everything their chain hash covers. The write side (to chain onto events
 * stored before the chain existed), the checkpointer and the audit tool all read rows this way, so they agree on
 * which column is which field.
 */
public final class EventLog {

    private static final String COLUMNS = "globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber, "
            + "type, payloadType, payloadRevision, timeStamp, payload, metaData, chainHash";

    private EventLog() {
    }

    /**
     * The next events in global order after the given index, at most limit of them. Paging by key keeps memory
     * constant and works the same on H2 and PostgreSQL, where a long-open cursor would not.
     */
    public static List<StoredEvent> pageAfter(Connection connection, long afterGlobalIndex, int limit)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM DomainEventEntry WHERE globalIndex > ? ORDER BY globalIndex LIMIT ?")) {
            select.setLong(1, afterGlobalIndex);
            select.setInt(2, limit);
            return readAll(select);
        }
    }

    /**
     * What a checkpoint covers of each event after the given index, at most limit of them, in global order: the
     * event's place in the chain and its hash, plus its timestamp (to tell whether it has settled), without the
     * payload and metadata that the hash already stands for.
     */
    public static List<ChainLink> linksAfter(Connection connection, long afterGlobalIndex, int limit)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT globalIndex, aggregateIdentifier, "
                + "sequenceNumber, timeStamp, chainHash FROM DomainEventEntry WHERE globalIndex > ? "
                + "ORDER BY globalIndex LIMIT ?")) {
            select.setLong(1, afterGlobalIndex);
            select.setInt(2, limit);
            List<ChainLink> links = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    links.add(new ChainLink(rows.getLong(1), rows.getString(2), rows.getLong(3), rows.getString(4),
                            rows.getBytes(5)));
                }
            }
            return links;
        }
    }

    /** The events of one stream before the given sequence number, oldest first. */
    public static List<StoredEvent> streamBefore(Connection connection, String aggregateIdentifier,
                                                 long beforeSequenceNumber) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber < ?"
                + " ORDER BY sequenceNumber")) {
            select.setString(1, aggregateIdentifier);
            select.setLong(2, beforeSequenceNumber);
            return readAll(select);
        }
    }

    private static List<StoredEvent> readAll(PreparedStatement select) throws SQLException {
        List<StoredEvent> events = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                events.add(read(rows));
            }
        }
        return events;
    }

    private static StoredEvent read(ResultSet row) throws SQLException {
        ChainedEvent event = new ChainedEvent(row.getString("eventIdentifier"), row.getString("aggregateIdentifier"),
                row.getLong("sequenceNumber"), row.getString("type"), row.getString("payloadType"),
                row.getString("payloadRevision"), row.getString("timeStamp"), row.getBytes("payload"),
                row.getBytes("metaData"));
        return new StoredEvent(row.getLong("globalIndex"), event, row.getBytes("chainHash"));
    }
}
