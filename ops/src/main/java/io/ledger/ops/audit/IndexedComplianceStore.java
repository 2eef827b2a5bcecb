package io.ledger.ops.audit;

import io.ledger.core.compliance.AlertPage;
import io.ledger.core.compliance.AlertType;
import io.ledger.core.compliance.ComplianceAlert;
import io.ledger.core.compliance.FindAlertsQuery;
import io.ledger.query.compliance.ComplianceMovement;
import io.ledger.query.compliance.ComplianceStore;
import io.ledger.query.compliance.MovementDirection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compliance view in memory, indexed the way the service's tables are (movements by account and direction,
 * alerts by type and account), so that a replay of millions of events stays linear: the read side's
 * {@code InMemoryComplianceStore} scans every movement on every question, which suits tests, not a whole store.
 * It answers every question of {@link ComplianceStore} the same way.
 */
final class IndexedComplianceStore implements ComplianceStore {

    /**
     * Per account and direction, movements in record-time order: a window is two binary searches and a view of
     * the list between them, as a range read on the table's index, without copying (a settlement account can
     * have tens of thousands of movements within one window).
     */
    private final Map<String, List<ComplianceMovement>> movementsByAccountAndSide = new HashMap<>();
    private final Set<String> movementKeys = new HashSet<>();
    private final Map<String, ComplianceAlert> alerts = new LinkedHashMap<>();
    private final Map<String, List<Instant>> raisedByTypeAndAccount = new HashMap<>();

    @Override
    public void recordMovement(ComplianceMovement m) {
        String key = m.accountId() + "|" + m.direction() + "|" + m.transferId();
        if (!movementKeys.add(key)) {
            throw new IllegalStateException("Movement " + key + " recorded twice");
        }
        List<ComplianceMovement> byTime =
                movementsByAccountAndSide.computeIfAbsent(m.accountId() + "|" + m.direction(), k -> new ArrayList<>());
        // Events arrive in commit order, which is almost always time order: the insertion point is nearly
        // always the end.
        byTime.add(firstAfter(byTime, m.recordedAt()), m);
    }

    @Override
    public List<ComplianceMovement> movements(String accountId, MovementDirection direction, Instant after,
                                              Instant upTo) {
        List<ComplianceMovement> byTime = movementsByAccountAndSide.get(accountId + "|" + direction);
        if (byTime == null || after.isAfter(upTo)) {
            return List.of();
        }
        return Collections.unmodifiableList(byTime.subList(firstAfter(byTime, after), firstAfter(byTime, upTo)));
    }

    /** Index of the first movement recorded strictly after {@code instant}. */
    private static int firstAfter(List<ComplianceMovement> byTime, Instant instant) {
        int n = byTime.size();
        if (n == 0 || byTime.get(n - 1).recordedAt().compareTo(instant) <= 0) {
            return n;
        }
        int low = 0;
        int high = n - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (byTime.get(middle).recordedAt().compareTo(instant) <= 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    @Override
    public boolean raisedSince(AlertType type, String accountId, Instant after) {
        for (Instant raisedAt : raisedByTypeAndAccount.getOrDefault(type + "|" + accountId, List.of())) {
            if (raisedAt.isAfter(after)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void raise(ComplianceAlert alert) {
        if (alerts.containsKey(alert.alertId())) {
            throw new IllegalStateException("Alert " + alert.alertId() + " raised twice");
        }
        alerts.put(alert.alertId(), alert.withSeq(alerts.size() + 1L));
        raisedByTypeAndAccount.computeIfAbsent(alert.type() + "|" + alert.accountId(), k -> new ArrayList<>())
                .add(alert.raisedAt());
    }

    @Override
    public void markReviewed(String alertId, String reviewer, String note, Instant reviewedAt) {
        alerts.computeIfPresent(alertId, (id, alert) -> alert.reviewed(reviewer, note, reviewedAt));
    }

    @Override
    public java.util.Optional<ComplianceAlert> alert(String alertId) {
        return java.util.Optional.ofNullable(alerts.get(alertId));
    }

    /** Every alert in the order it was raised. */
    List<ComplianceAlert> alerts() {
        return new ArrayList<>(alerts.values());
    }

    /** Every movement, for comparison with the live table. */
    List<ComplianceMovement> movements() {
        List<ComplianceMovement> all = new ArrayList<>();
        movementsByAccountAndSide.values().forEach(all::addAll);
        return all;
    }

    @Override
    public AlertPage page(FindAlertsQuery q) {
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
    public void clear() {
        movementsByAccountAndSide.clear();
        movementKeys.clear();
        alerts.clear();
        raisedByTypeAndAccount.clear();
    }

    private static boolean matches(ComplianceAlert a, FindAlertsQuery q) {
        return (q.type() == null || a.type() == q.type())
                && (q.accountId() == null || a.accountId().equals(q.accountId()))
                && (q.from() == null || !a.raisedAt().isBefore(q.from()))
                && (q.to() == null || !a.raisedAt().isAfter(q.to()))
                && (q.status() == null || a.status() == q.status());
    }
}
