package io.ledger.api.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How long a write transaction may take, and how the views' processors treat gaps in the event store's global
 * index, under {@code ledger.store.*}. The two are one decision: a gap is given up on only after every transaction
 * that could still fill it has been cut off. The reasoning is in docs/operations.md, "PostgreSQL traps".
 *
 * @param appendDeadline           the longest a unit of work may run from stamping its events to appending them;
 *                                 an older unit of work is refused instead of appended
 * @param statementTimeout         PostgreSQL {@code statement_timeout} of a write transaction from its insert on:
 *                                 the longest the insert (waiting on a lock, say) or the commit may take
 * @param idleInTransactionTimeout PostgreSQL {@code idle_in_transaction_session_timeout} of a write transaction
 *                                 from its insert on: the longest it may sit before its commit (a stalled JVM)
 * @param gapTimeout               how old the events after a gap must be before the processors give up on it
 * @param gapCleaningThreshold     how many gaps a token must carry before old ones are cleaned by time
 * @param maxGapOffset             how many positions behind the newest event a gap is kept at most, whatever its
 *                                 age
 * @param reconciliationInterval   how often the reconciliation check runs on its own
 * @param h2IndexCheck             on H2, count every index against its table at start-up and remove the rows a
 *                                 crash's half-done rollback left ({@link H2IndexCheck}); off only to start a very
 *                                 large store faster
 */
@ConfigurationProperties(prefix = "ledger.store")
public record StoreProperties(
        @DefaultValue("4s") Duration appendDeadline,
        @DefaultValue("2s") Duration statementTimeout,
        @DefaultValue("2s") Duration idleInTransactionTimeout,
        @DefaultValue("60s") Duration gapTimeout,
        @DefaultValue("250") int gapCleaningThreshold,
        @DefaultValue("1000000") int maxGapOffset,
        @DefaultValue("1m") Duration reconciliationInterval,
        @DefaultValue("true") boolean h2IndexCheck) {

    /**
     * The longest a write transaction can keep a stamped event uncommitted: the deadline before the append, the
     * insert (statement timeout), a stall before the commit (idle-in-transaction timeout), the commit (statement
     * timeout). 4 + 2 + 2 + 2 = 10 s by default.
     */
    public Duration longestWriteTransaction() {
        return appendDeadline.plus(statementTimeout).plus(idleInTransactionTimeout).plus(statementTimeout);
    }
}
