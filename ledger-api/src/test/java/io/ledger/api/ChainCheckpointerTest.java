package io.ledger.api;

import io.ledger.api.chain.ChainCheckpointer;
import io.ledger.core.chain.ChainedEvent;
import io.ledger.core.chain.CheckpointHash;
import io.ledger.core.chain.CheckpointSignature;
import io.ledger.core.chain.EventHash;
import io.ledger.query.chain.Checkpoint;
import io.ledger.query.chain.CheckpointLog;
import io.ledger.query.chain.EventLog;
import io.ledger.query.chain.StoredEvent;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The checkpointer on a real event store (H2 here), with a clock the test moves. */
class ChainCheckpointerTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00.000Z");
    private static final Duration SETTLE = Duration.ofSeconds(60);

    private DataSource dataSource;
    private Instant now = T0;
    /** How far the clock moves on each read: a busy ledger's clock moves between the checkpointer's steps. */
    private Duration tick = Duration.ZERO;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            Instant read = now;
            now = now.plus(tick);
            return read;
        }
    };

    @BeforeEach
    void freshStore() {
        dataSource = freshDataSource();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/" + vendor()).load().migrate();
    }

    DataSource freshDataSource() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:checkpoints-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return h2;
    }

    String vendor() {
        return "h2";
    }

    @Test
    void nothingIsCheckpointedWhileEveryEventIsYoungerThanTheSettleMargin() throws SQLException {
        append("a", 0, T0);
        now = T0.plus(SETTLE).minusMillis(1);

        assertThat(checkpointer(10).checkpoint()).isEmpty();
        assertThat(checkpoints()).isEmpty();
    }

    @Test
    void aCheckpointCoversTheSettledEventsAndTheNextOneChainsOntoIt() throws SQLException {
        append("a", 0, T0);
        append("a", 1, T0.plusSeconds(100));
        now = T0.plusSeconds(120);

        Checkpoint first = checkpointer(10).checkpoint().orElseThrow();
        assertThat(first).extracting(Checkpoint::number, Checkpoint::afterGlobalIndex, Checkpoint::lastGlobalIndex,
                Checkpoint::eventCount).containsExactly(1L, 0L, 1L, 1L);
        assertThat(checkpointer(10).checkpoint()).as("the second event is not settled yet").isEmpty();

        now = T0.plusSeconds(161);
        Checkpoint second = checkpointer(10).checkpoint().orElseThrow();
        assertThat(second).extracting(Checkpoint::number, Checkpoint::afterGlobalIndex, Checkpoint::lastGlobalIndex,
                Checkpoint::eventCount).containsExactly(2L, 1L, 2L, 1L);
        assertThatEveryCheckpointRecomputes();
    }

    @Test
    void eventsCommittedOutOfOrderAreCoveredOnlyOnceTheEarlierTransactionHasEnded() throws SQLException {
        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            append(slow, "slow", 0, T0);                   // takes global index 1, not yet committed
            append("fast", 0, T0.plusMillis(5));           // index 2, committed first
            now = T0.plusSeconds(1);
            assertThat(checkpointer(10).checkpoint()).as("index 1 may still be filled").isEmpty();
            slow.commit();
        }
        now = T0.plus(SETTLE).plusSeconds(1);

        Checkpoint checkpoint = checkpointer(10).checkpoint().orElseThrow();
        assertThat(checkpoint.lastGlobalIndex()).isEqualTo(2);
        assertThat(checkpoint.eventCount()).isEqualTo(2);
        assertThatEveryCheckpointRecomputes();
    }

    @Test
    void aPositionLeftByARolledBackTransactionIsCoveredAsAGap() throws SQLException {
        try (Connection failed = dataSource.getConnection()) {
            failed.setAutoCommit(false);
            append(failed, "failed", 0, T0);
            append("kept", 0, T0.plusMillis(5));
            failed.rollback();
        }
        now = T0.plus(SETTLE).plusSeconds(1);

        Checkpoint checkpoint = checkpointer(10).checkpoint().orElseThrow();
        assertThat(checkpoint.lastGlobalIndex()).isEqualTo(2);
        assertThat(checkpoint.eventCount()).isEqualTo(1);
        assertThatEveryCheckpointRecomputes();
    }

    @Test
    void aBacklogIsCaughtUpInCheckpointsOfBoundedSize() throws SQLException {
        for (int sequence = 0; sequence < 10; sequence++) {
            append("a", sequence, T0);
        }
        now = T0.plus(SETTLE).plusSeconds(1);

        assertThat(checkpointer(3).catchUp()).isEqualTo(4);
        assertThat(checkpoints()).extracting(Checkpoint::eventCount).containsExactly(3L, 3L, 3L, 1L);
        assertThat(checkpointer(3).catchUp()).isZero();
        assertThatEveryCheckpointRecomputes();
    }

    /**
     * Events keep settling while a run goes on. A run covers what had settled when it started, in one checkpoint
     * when that fits a page: taking the instant again for each step wrote a tiny checkpoint per step, up to the
     * run's limit, each after reading a whole page of the store.
     */
    @Test
    void aRunCoversWhatHadSettledWhenItStartedAndStopsAtAPageThatWasNotFull() throws SQLException {
        for (int second = 0; second < 10; second++) {
            append("a", second, T0.plusSeconds(second));
        }
        now = T0.plus(SETTLE).plusSeconds(2);
        tick = Duration.ofSeconds(1);

        assertThat(checkpointer(100).catchUp()).isEqualTo(1);
        assertThat(checkpoints()).extracting(Checkpoint::lastGlobalIndex, Checkpoint::eventCount)
                .containsExactly(tuple(2L, 2L));
        assertThatEveryCheckpointRecomputes();
    }

    @Test
    void nodesRacingForTheSameCheckpointsLeaveOneUnbrokenChain() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            for (int sequence = 0; sequence < 100; sequence++) {
                append(connection, "s" + sequence % 7, sequence / 7, T0);
            }
        }
        now = T0.plus(SETTLE).plusSeconds(1);
        ChainCheckpointer nodeA = checkpointer(7);
        ChainCheckpointer nodeB = checkpointer(7);

        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(nodeA::catchUp);
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(nodeB::catchUp);

        int written = a.join() + b.join();
        List<Checkpoint> checkpoints = checkpoints();
        assertThat(written).isEqualTo(checkpoints.size());
        assertThat(checkpoints).hasSize(15);
        assertThat(checkpoints.get(checkpoints.size() - 1).lastGlobalIndex()).isEqualTo(100);
        assertThatEveryCheckpointRecomputes();
    }

    @Test
    void withAKeyEveryCheckpointIsSignedUnderIt() throws SQLException {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 3);
        append("a", 0, T0);
        now = T0.plus(SETTLE).plusSeconds(1);

        Checkpoint signed = new ChainCheckpointer(dataSource, clock, SETTLE, Duration.ofSeconds(1), 10,
                Optional.of(new CheckpointSignature(key))).checkpoint().orElseThrow();

        assertThat(new CheckpointSignature(key).verifies(signed.hash(), checkpoints().get(0).signature())).isTrue();
        assertThat(checkpointer(10).checkpoint()).isEmpty();
    }

    @Test
    void withoutAKeyCheckpointsAreUnsigned() throws SQLException {
        append("a", 0, T0);
        now = T0.plus(SETTLE).plusSeconds(1);

        checkpointer(10).checkpoint().orElseThrow();

        assertThat(checkpoints().get(0).signature()).isNull();
    }

    /** Recomputes every stored checkpoint from the stored events, independently of the checkpointer's code path. */
    private void assertThatEveryCheckpointRecomputes() throws SQLException {
        List<StoredEvent> events;
        try (Connection connection = dataSource.getConnection()) {
            events = EventLog.pageAfter(connection, 0, 10_000);
        }
        byte[] previous = EventHash.genesis();
        long after = 0;
        for (Checkpoint checkpoint : checkpoints()) {
            assertThat(checkpoint.afterGlobalIndex()).isEqualTo(after);
            CheckpointHash expected = CheckpointHash.after(previous);
            long from = after;
            events.stream().filter(e -> e.globalIndex() > from && e.globalIndex() <= checkpoint.lastGlobalIndex())
                    .forEach(e -> expected.add(e.globalIndex(), e.aggregateIdentifier(), e.sequenceNumber(),
                            e.chainHash()));
            assertThat(checkpoint.eventCount()).isEqualTo(expected.eventCount());
            assertThat(checkpoint.hash()).isEqualTo(expected.finish(checkpoint.number(), after,
                    checkpoint.lastGlobalIndex()));
            previous = checkpoint.hash();
            after = checkpoint.lastGlobalIndex();
        }
    }

    private ChainCheckpointer checkpointer(int maxEvents) {
        return new ChainCheckpointer(dataSource, clock, SETTLE, Duration.ofSeconds(1), maxEvents, Optional.empty());
    }

    private List<Checkpoint> checkpoints() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return CheckpointLog.pageAfter(connection, 0, 10_000);
        }
    }

    private void append(String stream, long sequence, Instant timestamp) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            append(connection, stream, sequence, timestamp);
        }
    }

    /** A row as the service writes it; the chain hash is chained onto genesis, which is all a checkpoint needs. */
    private static void append(Connection connection, String stream, long sequence, Instant timestamp)
            throws SQLException {
        ChainedEvent event = new ChainedEvent(UUID.randomUUID().toString(), stream, sequence, "Test", "test.Event",
                null, timestamp.toString(), "{}".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO DomainEventEntry (eventIdentifier, "
                + "aggregateIdentifier, sequenceNumber, type, timeStamp, payloadType, payloadRevision, payload, "
                + "metaData, chainHash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, event.eventIdentifier());
            insert.setString(2, stream);
            insert.setLong(3, sequence);
            insert.setString(4, event.type());
            insert.setString(5, event.timestamp());
            insert.setString(6, event.payloadType());
            insert.setString(7, null);
            insert.setBytes(8, event.payload());
            insert.setBytes(9, event.metadata());
            insert.setBytes(10, EventHash.of(EventHash.genesis(), event));
            insert.executeUpdate();
        }
    }
}
