package io.ledger.api.reconciliation;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The positions each view's processor gave up on (table {@code dropped_gap}), and the events that appeared at
 * such a position afterwards: events the view skipped.
 */
public class DroppedGapStore {

    /** An event the view never applied: it committed at a position its processor had already passed. */
    public record SkippedEvent(String view, long globalIndex, String streamId, long sequenceNumber,
                               String payloadType, String timestamp) {
    }

    private final JdbcTemplate jdbc;

    public DroppedGapStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records that {@code view}'s processor passed {@code globalIndex} with no event there; repeats are no-ops. */
    public void record(String view, long globalIndex, Instant droppedAt) {
        try {
            jdbc.update("INSERT INTO dropped_gap (processor_name, global_index, dropped_at) SELECT ?, ?, ? "
                            + "WHERE NOT EXISTS (SELECT 1 FROM dropped_gap WHERE processor_name = ? AND global_index = ?)",
                    view, globalIndex, OffsetDateTime.ofInstant(droppedAt, ZoneOffset.UTC), view, globalIndex);
        } catch (DuplicateKeyException recordedConcurrently) {
            // Another segment of the same processor recorded it at the same moment: one record is all we need.
        }
    }

    /** Every event that sits at a position a processor gave up on. A join on two primary keys: cheap. */
    public List<SkippedEvent> skippedEvents() {
        return jdbc.query("SELECT d.processor_name, e.globalIndex, e.aggregateIdentifier, e.sequenceNumber, "
                        + "e.payloadType, e.timeStamp FROM dropped_gap d "
                        + "JOIN DomainEventEntry e ON e.globalIndex = d.global_index "
                        + "ORDER BY e.globalIndex, d.processor_name",
                (row, n) -> new SkippedEvent(row.getString(1), row.getLong(2), row.getString(3), row.getLong(4),
                        row.getString(5), row.getString(6)));
    }

    /** How many dropped positions are watched, per view. */
    public long watchedCount(String view) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM dropped_gap WHERE processor_name = ?", Long.class,
                view);
        return count == null ? 0 : count;
    }

    /** Forgets {@code view}'s dropped positions up to {@code position}: a rebuild has applied every event there. */
    public int forgetUpTo(String view, long position) {
        return jdbc.update("DELETE FROM dropped_gap WHERE processor_name = ? AND global_index <= ?", view, position);
    }

    /**
     * Forgets dropped positions older than {@code before} that stayed empty: no transaction lives that long (they
     * are cut after seconds), so nothing can appear there any more. Positions where an event did appear are kept
     * as evidence until an operator has dealt with them.
     */
    public int forgetEmptyBefore(Instant before) {
        return jdbc.update("DELETE FROM dropped_gap WHERE dropped_at < ? AND NOT EXISTS "
                        + "(SELECT 1 FROM DomainEventEntry e WHERE e.globalIndex = dropped_gap.global_index)",
                OffsetDateTime.ofInstant(before, ZoneOffset.UTC));
    }
}
