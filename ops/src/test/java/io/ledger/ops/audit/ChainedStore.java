package io.ledger.ops.audit;

import io.ledger.core.chain.ChainedEvent;
import io.ledger.core.chain.CheckpointHash;
import io.ledger.core.chain.CheckpointSignature;
import io.ledger.core.chain.EventHash;
import io.ledger.query.chain.Checkpoint;
import io.ledger.query.chain.CheckpointLog;
import io.ledger.query.chain.EventLog;
import io.ledger.query.chain.StoredEvent;
import org.flywaydb.core.Flyway;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A real event store (H2, created by the service's own migrations) written the way the service writes it: each
 * event chained onto its stream's predecessor with the core hash, checkpoints over the global order. ops may not
 * depend on the write side, so the rows are written here with JDBC; the write side's own tests check that the
 * service writes exactly these rows.
 */
final class ChainedStore implements AutoCloseable {

    private static final Instant WRITTEN_AT = Instant.parse("2026-11-24T10:00:00.000Z");

    final String url;
    final String user;
    private final boolean onH2;
    private final Connection connection;
    private final Map<String, Long> nextSequence = new HashMap<>();
    private final Map<String, byte[]> lastHash = new HashMap<>();

    /** An empty store in the given empty database, migrated as the service migrates it. */
    ChainedStore(String url, String user) throws SQLException {
        this.url = url;
        this.user = user;
        this.onH2 = url.startsWith("jdbc:h2:");
        Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration/" + (onH2 ? "h2" : "postgresql"))
                .load().migrate();
        connection = DriverManager.getConnection(url, user, "");
    }

    /** An empty store in a new in-memory H2 database. */
    static ChainedStore onH2() throws SQLException {
        return new ChainedStore("jdbc:h2:mem:verify-chain-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa");
    }

    /** Appends the stream's next event as the service does; returns its global index. */
    long append(String stream, String payloadJson) throws SQLException {
        return insert(stream, payloadJson, true);
    }

    /** Appends the stream's next event as it was stored before the chain existed: without a chain hash. */
    long appendUnchained(String stream, String payloadJson) throws SQLException {
        return insert(stream, payloadJson, false);
    }

    /** Uses up one global index, as a write transaction that rolls back does. */
    void rollBackOneAppend() throws SQLException {
        connection.setAutoCommit(false);
        insertRow(event("rolled-back", 0, "{}"), null, null);
        connection.rollback();
        connection.setAutoCommit(true);
    }

    /** Writes the next checkpoint over every event after the last one, signed if a key is given. */
    Checkpoint checkpoint(Optional<CheckpointSignature> signer) throws SQLException {
        Optional<Checkpoint> latest = CheckpointLog.latest(connection);
        long number = latest.map(Checkpoint::number).orElse(0L) + 1;
        long after = latest.map(Checkpoint::lastGlobalIndex).orElse(0L);
        CheckpointHash hash = CheckpointHash.after(latest.map(Checkpoint::hash).orElseGet(EventHash::genesis));
        long last = after;
        for (StoredEvent stored : EventLog.pageAfter(connection, after, 100_000)) {
            hash.add(stored.globalIndex(), stored.aggregateIdentifier(), stored.sequenceNumber(), stored.chainHash());
            last = stored.globalIndex();
        }
        byte[] checkpointHash = hash.finish(number, after, last);
        Checkpoint checkpoint = new Checkpoint(number, after, last, hash.eventCount(), checkpointHash,
                signer.map(key -> key.sign(checkpointHash)).orElse(null), WRITTEN_AT.toString());
        CheckpointLog.append(connection, checkpoint);
        return checkpoint;
    }

    Checkpoint checkpoint() throws SQLException {
        return checkpoint(Optional.empty());
    }

    /** Tampering, as someone with write access to the database would do it. */
    int sql(String statement, Object... parameters) throws SQLException {
        try (PreparedStatement tamper = connection.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                tamper.setObject(i + 1, parameters[i]);
            }
            return tamper.executeUpdate();
        }
    }

    /**
     * The careful forger: after altering rows, recomputes every chain hash and every checkpoint hash from the
     * stored content with the public algorithm. Only the checkpoints' signatures cannot be remade without the key.
     */
    void rewriteHistory() throws SQLException {
        Map<String, byte[]> heads = new HashMap<>();
        for (StoredEvent stored : EventLog.pageAfter(connection, 0, 100_000)) {
            byte[] hash = EventHash.of(heads.getOrDefault(stored.aggregateIdentifier(), EventHash.genesis()),
                    stored.event());
            heads.put(stored.aggregateIdentifier(), hash);
            sql("UPDATE DomainEventEntry SET chainHash = ? WHERE globalIndex = ?", hash, stored.globalIndex());
        }
        byte[] previous = EventHash.genesis();
        for (Checkpoint checkpoint : CheckpointLog.pageAfter(connection, 0, 100_000)) {
            CheckpointHash hash = CheckpointHash.after(previous);
            for (StoredEvent stored : EventLog.pageAfter(connection, checkpoint.afterGlobalIndex(), 100_000)) {
                if (stored.globalIndex() <= checkpoint.lastGlobalIndex()) {
                    hash.add(stored.globalIndex(), stored.aggregateIdentifier(), stored.sequenceNumber(),
                            stored.chainHash());
                }
            }
            previous = hash.finish(checkpoint.number(), checkpoint.afterGlobalIndex(), checkpoint.lastGlobalIndex());
            sql("UPDATE event_chain_checkpoint SET checkpoint_hash = ?, event_count = ? WHERE checkpoint_number = ?",
                    previous, hash.eventCount(), checkpoint.number());
        }
    }

    /** A row for the given stream position with a chain hash that is valid for it, for inserting by hand. */
    void insertForged(long globalIndex, String stream, long sequence, byte[] previousHash) throws SQLException {
        ChainedEvent event = event(stream, sequence, "{\"forged\":true}");
        insertRow(event, EventHash.of(previousHash, event), globalIndex);
    }

    byte[] chainHashAt(long globalIndex) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT chainHash FROM DomainEventEntry WHERE globalIndex = ?")) {
            select.setLong(1, globalIndex);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getBytes(1) : null;
            }
        }
    }

    List<StoredEvent> events() throws SQLException {
        return EventLog.pageAfter(connection, 0, 100_000);
    }

    @Override
    public void close() throws SQLException {
        if (onH2) {
            try (Statement shutdown = connection.createStatement()) {
                shutdown.execute("SHUTDOWN");
            }
        }
        connection.close();
    }

    private long insert(String stream, String payloadJson, boolean chained) throws SQLException {
        long sequence = nextSequence.merge(stream, 1L, Long::sum) - 1;
        ChainedEvent event = event(stream, sequence, payloadJson);
        byte[] hash = EventHash.of(lastHash.getOrDefault(stream, EventHash.genesis()), event);
        lastHash.put(stream, hash);
        return insertRow(event, chained ? hash : null, null);
    }

    private static ChainedEvent event(String stream, long sequence, String payloadJson) {
        return new ChainedEvent(UUID.randomUUID().toString(), stream, sequence, "Account",
                "io.ledger.core.account.AccountCreditedEvent", "1", WRITTEN_AT.toString(), utf8(payloadJson),
                utf8("{\"traceId\":\"" + UUID.randomUUID() + "\"}"));
    }

    private long insertRow(ChainedEvent event, byte[] chainHash, Long globalIndex) throws SQLException {
        String columns = "eventIdentifier, aggregateIdentifier, sequenceNumber, type, timeStamp, payloadType, "
                + "payloadRevision, payload, metaData, chainHash" + (globalIndex == null ? "" : ", globalIndex");
        String values = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?" + (globalIndex == null ? "" : ", ?");
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO DomainEventEntry (" + columns
                + ") VALUES (" + values + ")", new String[] {onH2 ? "GLOBALINDEX" : "globalindex"})) {
            insert.setString(1, event.eventIdentifier());
            insert.setString(2, event.aggregateIdentifier());
            insert.setLong(3, event.sequenceNumber());
            insert.setString(4, event.type());
            insert.setString(5, event.timestamp());
            insert.setString(6, event.payloadType());
            insert.setString(7, event.payloadRevision());
            insert.setBytes(8, event.payload());
            insert.setBytes(9, event.metadata());
            insert.setBytes(10, chainHash);
            if (globalIndex != null) {
                insert.setLong(11, globalIndex);
            }
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
