package io.ledger.query.compliance;

import io.ledger.core.compliance.AlertPage;
import io.ledger.core.compliance.AlertType;
import io.ledger.core.compliance.ComplianceAlert;
import io.ledger.core.compliance.FindAlertsQuery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The compliance view in memory: for projection tests and for replays that must not touch a database. */
public final class InMemoryComplianceStore implements ComplianceStore {

    private final Map<String, ComplianceMovement> movements = new LinkedHashMap<>();
    private final Map<String, ComplianceAlert> alerts = new LinkedHashMap<>();

    @Override
    public synchronized void recordMovement(ComplianceMovement m) {
        String key = m.accountId() + "|" + m.direction() + "|" + m.transferId();
        if (movements.putIfAbsent(key, m) != null) {
            throw new IllegalStateException("Movement " + key + " recorded twice");
        }
    }

    @Override
    public synchronized List<ComplianceMovement> movements(String accountId, MovementDirection direction,
                                                           Instant after, Instant upTo) {
        return movements.values().stream()
                .filter(m -> m.accountId().equals(accountId) && m.direction() == direction)
                .filter(m -> m.recordedAt().isAfter(after) && !m.recordedAt().isAfter(upTo))
                .toList();
    }

    @Override
    public synchronized boolean raisedSince(AlertType type, String accountId, Instant after) {
        return alerts.values().stream().anyMatch(a -> a.type() == type && a.accountId().equals(accountId)
                && a.raisedAt().isAfter(after));
    }

    @Override
    public synchronized void raise(ComplianceAlert alert) {
        if (alerts.containsKey(alert.alertId())) {
            throw new IllegalStateException("Alert " + alert.alertId() + " raised twice");
        }
        alerts.put(alert.alertId(), alert.withSeq(alerts.size() + 1L));
    }

    @Override
    public synchronized void markReviewed(String alertId, String reviewer, String note, Instant reviewedAt) {
        alerts.computeIfPresent(alertId, (id, alert) -> alert.reviewed(reviewer, note, reviewedAt));
    }

    @Override
    public synchronized Optional<ComplianceAlert> alert(String alertId) {
        return Optional.ofNullable(alerts.get(alertId));
    }

    @Override
    public synchronized AlertPage page(FindAlertsQuery q) {
        List<ComplianceAlert> page = new ArrayList<>();
        for (ComplianceAlert alert : alerts.values()) {
            if (alert.alertSeq() <= q.afterAlertSeq() || !matches(alert, q)) {
                continue;
            }
            if (page.size() == q.limit()) {
                return new AlertPage(page, true);
            }
            page.add(alert);
        }
        return new AlertPage(page, false);
    }

    @Override
    public synchronized void clear() {
        movements.clear();
        alerts.clear();
    }

    private static boolean matches(ComplianceAlert a, FindAlertsQuery q) {
        return (q.type() == null || a.type() == q.type())
                && (q.accountId() == null || a.accountId().equals(q.accountId()))
                && (q.from() == null || !a.raisedAt().isBefore(q.from()))
                && (q.to() == null || !a.raisedAt().isAfter(q.to()))
                && (q.status() == null || a.status() == q.status());
    }
}
