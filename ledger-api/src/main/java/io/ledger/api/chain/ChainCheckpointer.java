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

    /**
     * Writes checkpoints until nothing that had settled when the run started is left uncovered; returns how many
     * this node wrote.
     *
     * <p>The settled instant is taken once per run. Taken again for each step, a busy ledger would always have a
     * few more events settled since the previous step, so a run would write up to its limit of tiny checkpoints,
     * each after reading a whole page of the event store (measured on PostgreSQL: more CPU than the balance
     * view). A run continues only while a step covered a whole full page, which is when more
     * settled events can lie beyond it (a backlog).
     */
    public int catchUp() {
        int written = 0;
        try {
            Instant settledBefore = settledBefore();
            for (int run = 0; run < MAX_CHECKPOINTS_PER_RUN; run++) {
                Step step = step(settledBefore);
                if (step.written().isEmpty()) {
                    break;
                }
                written++;
                if (!step.coveredAFullPage()) {
                    break;
                }
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
        return step(settledBefore()).written();
    }

    /**
     * The clock is read before the events: every transaction that could still fill a position below the last
     * event settled by this instant has ended by the time the events are read, so the read sees all of them
     * (docs/tamper-evidence.md). Any read after this instant is taken keeps that true.
     */
    private Instant settledBefore() {
        return clock.instant().minus(settle);
    }

    private Step step(Instant settledBefore) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            Optional<Checkpoint> latest = CheckpointLog.latest(connection);
            long after = latest.map(Checkpoint::lastGlobalIndex).orElse(0L);
            List<ChainLink> page = EventLog.linksAfter(connection, after, maxEvents);
            long lastSettled = lastSettledIndex(page, settledBefore);
            if (lastSettled <= after) {
                return new Step(Optional.empty(), false);
            }
            Checkpoint next = cover(latest, page, lastSettled);
            boolean wholeFullPage = page.size() == maxEvents
                    && lastSettled == page.get(page.size() - 1).globalIndex();
            return new Step(append(connection, next), wholeFullPage);
        }
    }

    /** What one step wrote, and whether it covered every event of a page that the page size cut off. */
    private record Step(Optional<Checkpoint> written, boolean coveredAFullPage) {
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
