package io.ledger.api.chain;

import io.ledger.core.chain.CheckpointHash;
import io.ledger.core.chain.CheckpointSignature;
import io.ledger.core.chain.EventHash;
import io.ledger.query.chain.ChainLink;
import io.ledger.query.chain.Checkpoint;
import io.ledger.query.chain.CheckpointLog;
import io.ledger.query.chain.EventLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Extends the ledger-wide chain of checkpoints over the global order, covering only positions that can no longer
 * be filled: up to the highest global index whose event is older than the settle margin (docs/tamper-evidence.md
 * explains why every lower position is then final). Every node may run it; checkpoint numbers are unique, so when
 * two nodes write the same checkpoint one insert fails and is ignored, and the next step continues from whichever
 * won.
 */
public final class ChainCheckpointer implements SchedulingConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(ChainCheckpointer.class);
    private static final String UNIQUE_VIOLATION = "23505";
    /** A run catches up on a backlog, but yields to other work after this many checkpoints. */
    private static final int MAX_CHECKPOINTS_PER_RUN = 100;

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration settle;
    private final Duration interval;
    private final int maxEvents;
    private final Optional<CheckpointSignature> signer;

    public ChainCheckpointer(DataSource dataSource, Clock clock, Duration settle, Duration interval, int maxEvents,
                             Optional<CheckpointSignature> signer) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.settle = settle;
        this.interval = interval;
        this.maxEvents = maxEvents;
        this.signer = signer;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::catchUp, interval);
    }

    /** Writes checkpoints until nothing settled is left uncovered; returns how many this node wrote. */
    public int catchUp() {
        int written = 0;
        try {
            for (int run = 0; run < MAX_CHECKPOINTS_PER_RUN; run++) {
                Optional<Checkpoint> next = checkpoint();
                if (next.isEmpty()) {
                    break;
                }
                written++;
            }
        } catch (SQLException | RuntimeException failure) {
            LOG.warn("Checkpointing the event chain failed; it runs again in {}", interval, failure);
        }
        return written;
    }

    /**
     * One step: the checkpoint after the latest one, over the settled events that follow it, if there are any.
     * Empty when nothing is settled yet or another node wrote this checkpoint first.
     */
    public Optional<Checkpoint> checkpoint() throws SQLException {
        // The clock is read before the events: every transaction that could still fill a position below the last
        // settled event has ended by this instant, so the read below sees all of them (docs/tamper-evidence.md).
        Instant settledBefore = clock.instant().minus(settle);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            Optional<Checkpoint> latest = CheckpointLog.latest(connection);
            long after = latest.map(Checkpoint::lastGlobalIndex).orElse(0L);
            List<ChainLink> page = EventLog.linksAfter(connection, after, maxEvents);
            long lastSettled = lastSettledIndex(page, settledBefore);
            if (lastSettled <= after) {
                return Optional.empty();
            }
            Checkpoint next = cover(latest, page, lastSettled);
            return append(connection, next);
        }
    }

    private static long lastSettledIndex(List<ChainLink> page, Instant settledBefore) {
        long lastSettled = -1;
        for (ChainLink stored : page) {
            if (Instant.parse(stored.timestamp()).isBefore(settledBefore)) {
                lastSettled = stored.globalIndex();
            }
        }
        return lastSettled;
    }

    private Checkpoint cover(Optional<Checkpoint> latest, List<ChainLink> page, long lastSettled) {
        long number = latest.map(Checkpoint::number).orElse(0L) + 1;
        long after = latest.map(Checkpoint::lastGlobalIndex).orElse(0L);
        CheckpointHash hash = CheckpointHash.after(latest.map(Checkpoint::hash).orElseGet(EventHash::genesis));
        for (ChainLink stored : page) {
            if (stored.globalIndex() > lastSettled) {
                break;
            }
            hash.add(stored.globalIndex(), stored.aggregateIdentifier(), stored.sequenceNumber(), stored.chainHash());
        }
        byte[] checkpointHash = hash.finish(number, after, lastSettled);
        return new Checkpoint(number, after, lastSettled, hash.eventCount(), checkpointHash,
                signer.map(key -> key.sign(checkpointHash)).orElse(null), clock.instant().toString());
    }

    private static Optional<Checkpoint> append(Connection connection, Checkpoint next) throws SQLException {
        try {
            CheckpointLog.append(connection, next);
            return Optional.of(next);
        } catch (SQLException failure) {
            if (UNIQUE_VIOLATION.equals(failure.getSQLState())) {
                LOG.debug("Checkpoint {} was written by another node first", next.number());
                return Optional.empty();
            }
            throw failure;
        }
    }
}
