package io.ledger.query.compliance;

import io.ledger.core.compliance.AlertPage;
import io.ledger.core.compliance.AlertType;
import io.ledger.core.compliance.ComplianceAlert;
import io.ledger.core.compliance.FindAlertsQuery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Storage of the compliance view, written only by {@link ComplianceProjection}: a JDBC implementation for the
 * service and an in-memory one for tests and replays. Recording a movement or raising an alert twice is refused
 * with {@link IllegalStateException}.
 */
public interface ComplianceStore {

    void recordMovement(ComplianceMovement movement);

    /** The account's movements of {@code direction} recorded after {@code after} (exclusive) up to {@code upTo}. */
    List<ComplianceMovement> movements(String accountId, MovementDirection direction, Instant after, Instant upTo);

    /**
     * How many movements of {@code direction} in {@code currency}, each below {@code belowMinor}, the account has
     * within (after, upTo], and their sum. The structuring rule asks this on every transfer, and a settlement
     * account can have tens of thousands of movements in one window: stores answer it without listing them.
     */
    default MovementTotals smallMovementTotals(String accountId, MovementDirection direction, String currency,
                                               long belowMinor, Instant after, Instant upTo) {
        MovementTotals totals = MovementTotals.NONE;
        for (ComplianceMovement movement : movements(accountId, direction, after, upTo)) {
            if (currency.equals(movement.currency()) && movement.amountMinor() != null
                    && movement.amountMinor() < belowMinor) {
                totals = totals.plus(movement.amountMinor());
            }
        }
        return totals;
    }

    /** How many movements of {@code direction} the account has within (after, upTo]. */
    default int movementCount(String accountId, MovementDirection direction, Instant after, Instant upTo) {
        return movements(accountId, direction, after, upTo).size();
    }

    /** Whether an alert of {@code type} on the account was raised after {@code after} (exclusive). */
    boolean raisedSince(AlertType type, String accountId, Instant after);

    /**
     * Every answer the windowed rules need for one movement, asked together: a database answers them in one
     * round trip instead of six. A rule that already raised on an account within its window raises nothing more
     * there, so its window figures are not asked (they read as zero): for a hot account, such as a settlement
     * account that thousands of small transfers credit, they would otherwise be sums over every movement of the
     * last 24 hours, asked again for each new one. Nor are the structuring figures of a large movement. The
     * default asks the questions one by one.
     */
    default TransferFacts transferFacts(TransferFacts.Question q) {
        boolean debitStructuring = raisedSince(AlertType.STRUCTURING, q.debit(), q.structuringAfter());
        boolean creditStructuring = raisedSince(AlertType.STRUCTURING, q.credit(), q.structuringAfter());
        boolean debitVelocity = raisedSince(AlertType.VELOCITY, q.debit(), q.velocityAfter());
        return new TransferFacts(debitStructuring, creditStructuring, debitVelocity,
                debitStructuring || !q.smallMovement() ? MovementTotals.NONE : smallMovementTotals(q.debit(),
                        MovementDirection.DEBIT, q.currency(), q.belowMinor(), q.structuringAfter(), q.upTo()),
                creditStructuring || !q.smallMovement() ? MovementTotals.NONE : smallMovementTotals(q.credit(),
                        MovementDirection.CREDIT, q.currency(), q.belowMinor(), q.structuringAfter(), q.upTo()),
                debitVelocity ? 0 : movementCount(q.debit(), MovementDirection.DEBIT, q.velocityAfter(), q.upTo()));
    }

    /** Stores a new alert with the next sequence number (1, 2, ...). */
    void raise(ComplianceAlert alert);

    /** Marks the alert reviewed; does nothing for an alert the view does not hold. */
    void markReviewed(String alertId, String reviewer, String note, Instant reviewedAt);

    Optional<ComplianceAlert> alert(String alertId);

    AlertPage page(FindAlertsQuery query);

    void clear();
}
