package io.ledger.query.compliance;

import io.ledger.core.compliance.AlertPage;
import io.ledger.core.compliance.AlertType;
import io.ledger.core.compliance.ComplianceAlert;
import io.ledger.core.compliance.FindAlertsQuery;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The JDBC store as an event processor drives it, in batches as long as they can be: everything the projection
 * does runs in one open unit of work, committed only when a query reads the view. So the rules' questions are
 * answered while the batch's movements are still in memory, as they are under a backlog.
 */
final class OneBatchUntilQueried implements ComplianceStore {

    private final ComplianceStore store;
    private UnitOfWork<?> batch;

    OneBatchUntilQueried(ComplianceStore store) {
        this.store = store;
    }

    @Override
    public void recordMovement(ComplianceMovement movement) {
        open();
        store.recordMovement(movement);
    }

    @Override
    public List<ComplianceMovement> movements(String accountId, MovementDirection direction, Instant after,
                                              Instant upTo) {
        open();
        return store.movements(accountId, direction, after, upTo);
    }

    @Override
    public MovementTotals smallMovementTotals(String accountId, MovementDirection direction, String currency,
                                              long belowMinor, Instant after, Instant upTo) {
        open();
        return store.smallMovementTotals(accountId, direction, currency, belowMinor, after, upTo);
    }

    @Override
    public int movementCount(String accountId, MovementDirection direction, Instant after, Instant upTo) {
        open();
        return store.movementCount(accountId, direction, after, upTo);
    }

    @Override
    public boolean raisedSince(AlertType type, String accountId, Instant after) {
        open();
        return store.raisedSince(type, accountId, after);
    }

    @Override
    public TransferFacts transferFacts(TransferFacts.Question question) {
        open();
        return store.transferFacts(question);
    }

    @Override
    public void raise(ComplianceAlert alert) {
        open();
        store.raise(alert);
    }

    @Override
    public void markReviewed(String alertId, String reviewer, String note, Instant reviewedAt) {
        open();
        store.markReviewed(alertId, reviewer, note, reviewedAt);
    }

    @Override
    public Optional<ComplianceAlert> alert(String alertId) {
        commit();
        return store.alert(alertId);
    }

    @Override
    public AlertPage page(FindAlertsQuery query) {
        commit();
        return store.page(query);
    }

    @Override
    public void clear() {
        commit();
        store.clear();
    }

    private void open() {
        if (batch == null) {
            batch = DefaultUnitOfWork.startAndGet(null);
        }
    }

    private void commit() {
        if (batch != null) {
            UnitOfWork<?> committing = batch;
            batch = null;
            committing.commit();
        }
    }
}
