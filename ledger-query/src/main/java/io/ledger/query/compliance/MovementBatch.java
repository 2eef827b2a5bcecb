package io.ledger.query.compliance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compliance view's movements of one event processor batch, inserted in one JDBC batch when it commits
 * ({@link io.ledger.query.UnitOfWorkBuffer}). The windowed rules' questions of the same batch are answered from
 * the stored rows plus these: a batch of a hundred transfers saves two hundred round trips.
 */
final class MovementBatch {

    private final List<ComplianceMovement> all = new ArrayList<>();
    private final Map<String, List<ComplianceMovement>> byAccount = new HashMap<>();
    private final Set<String> keys = new HashSet<>();

    void add(ComplianceMovement m) {
        if (!keys.add(m.accountId() + "|" + m.direction() + "|" + m.transferId())) {
            throw new IllegalStateException("Movement " + m.transferId() + " of " + m.accountId() + " twice");
        }
        all.add(m);
        byAccount.computeIfAbsent(m.accountId(), id -> new ArrayList<>()).add(m);
    }

    List<ComplianceMovement> all() {
        return all;
    }

    /** The account's buffered movements of {@code direction} within (after, upTo]. */
    List<ComplianceMovement> within(String accountId, MovementDirection direction, Instant after, Instant upTo) {
        List<ComplianceMovement> found = new ArrayList<>();
        for (ComplianceMovement m : byAccount.getOrDefault(accountId, List.of())) {
            if (m.direction() == direction && m.recordedAt().isAfter(after) && !m.recordedAt().isAfter(upTo)) {
                found.add(m);
            }
        }
        return found;
    }

    /** Of {@link #within}, those in {@code currency} below {@code belowMinor}: count and sum. */
    MovementTotals smallTotals(String accountId, MovementDirection direction, String currency, long belowMinor,
                               Instant after, Instant upTo) {
        MovementTotals totals = MovementTotals.NONE;
        for (ComplianceMovement m : within(accountId, direction, after, upTo)) {
            if (currency.equals(m.currency()) && m.amountMinor() != null && m.amountMinor() < belowMinor) {
                totals = totals.plus(m.amountMinor());
            }
        }
        return totals;
    }

    void discard() {
        all.clear();
        byAccount.clear();
        keys.clear();
    }
}
