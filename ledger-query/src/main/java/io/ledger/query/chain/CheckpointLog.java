package io.ledger.query.chain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and appends the checkpoints of the ledger-wide chain (table event_chain_checkpoint, migration V9). */
public final class CheckpointLog {

    private static final String COLUMNS = "checkpoint_number, after_global_index, last_global_index, event_count, "
            + "checkpoint_hash, signature, created_at";

    private CheckpointLog() {
    }

    public static Optional<Checkpoint> latest(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM event_chain_checkpoint ORDER BY checkpoint_number DESC LIMIT 1")) {
            List<Checkpoint> found = readAll(select);
            return found.stream().findFirst();
        }
    }

    /** The next checkpoints in order after the given number, at most limit of them. */
    public static List<Checkpoint> pageAfter(Connection connection, long afterNumber, int limit)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM event_chain_checkpoint WHERE checkpoint_number > ? ORDER BY checkpoint_number LIMIT ?")) {
            select.setLong(1, afterNumber);
            select.setInt(2, limit);
            return readAll(select);
        }
    }

    /**
     * Appends a checkpoint. Fails with the database's unique-key error when another node appended one with the
     * same number first; the caller treats that as done.
     */
    public static void append(Connection connection, Checkpoint checkpoint) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO event_chain_checkpoint ("
                + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, checkpoint.number());
            insert.setLong(2, checkpoint.afterGlobalIndex());
            insert.setLong(3, checkpoint.lastGlobalIndex());
            insert.setLong(4, checkpoint.eventCount());
            insert.setBytes(5, checkpoint.hash());
            insert.setBytes(6, checkpoint.signature());
            insert.setString(7, checkpoint.createdAt());
            insert.executeUpdate();
        }
    }

    private static List<Checkpoint> readAll(PreparedStatement select) throws SQLException {
        List<Checkpoint> checkpoints = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                checkpoints.add(new Checkpoint(rows.getLong("checkpoint_number"),
                        rows.getLong("after_global_index"), rows.getLong("last_global_index"),
                        rows.getLong("event_count"), rows.getBytes("checkpoint_hash"), rows.getBytes("signature"),
                        rows.getString("created_at")));
            }
        }
        return checkpoints;
    }
}
