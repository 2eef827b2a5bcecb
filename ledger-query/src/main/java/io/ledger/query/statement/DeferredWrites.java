package io.ledger.query.statement;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * The statement view's inserts of one unit of work (one processor batch), sent when it prepares to commit, or
 * earlier when the view is about to read its tables: consecutive inserts of the same kind go as one JDBC batch,
 * in the order they were made. A processor batch of a thousand events then costs a few round trips instead of a
 * thousand. They commit in the same transaction as before, so nothing becomes visible any earlier or later.
 */
final class DeferredWrites {

    /**
     * One insert. A guarded one (an entry built on a remembered predecessor) must change exactly one row; one that
     * changes none was built on a predecessor that is no longer the last stored entry.
     */
    record Write(String sql, Object[] arguments, String description, boolean guarded) {
    }

    /** Thrown when a guarded insert changed nothing. */
    static final class StalePredecessorException extends IllegalStateException {
        StalePredecessorException(String message) {
            super(message);
        }
    }

    private final List<Write> writes = new ArrayList<>();

    void add(Write write) {
        writes.add(write);
    }

    /** Forgets the writes not sent yet: the view is being cleared. */
    void discard() {
        writes.clear();
    }

    /** Sends every write made so far, in order, and forgets them. */
    void flush(JdbcTemplate jdbc) {
        List<Write> toSend = new ArrayList<>(writes);
        writes.clear();
        int start = 0;
        while (start < toSend.size()) {
            int end = start;
            while (end < toSend.size() && toSend.get(end).sql().equals(toSend.get(start).sql())) {
                end++;
            }
            send(jdbc, toSend.subList(start, end));
            start = end;
        }
    }

    private static void send(JdbcTemplate jdbc, List<Write> run) {
        int[] counts;
        try {
            counts = jdbc.batchUpdate(run.get(0).sql(), run.stream().map(Write::arguments).toList());
        } catch (DuplicateKeyException projectedTwice) {
            throw new IllegalStateException("A row of the statement view was projected twice, among: "
                    + run.get(0).description() + (run.size() > 1 ? " and " + (run.size() - 1) + " more" : ""),
                    projectedTwice);
        }
        for (int i = 0; i < run.size(); i++) {
            if (run.get(i).guarded() && counts[i] == 0) {
                throw new StalePredecessorException(run.get(i).description());
            }
        }
    }
}
