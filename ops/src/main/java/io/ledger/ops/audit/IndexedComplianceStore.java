package io.ledger.ops.audit;

import io.ledger.core.compliance.AlertPage;
import io.ledger.core.compliance.AlertType;
import io.ledger.core.compliance.ComplianceAlert;
import io.ledger.core.compliance.FindAlertsQuery;
import io.ledger.query.compliance.ComplianceMovement;
import io.ledger.query.compliance.ComplianceStore;
import io.ledger.query.compliance.MovementDirection;
import io.ledger.query.compliance.MovementTotals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compliance view in memory, indexed the way the service's tables are (movements by account and direction,
 * alerts by type and account), so that a replay of millions of events stays linear: the read side's
 * {@code InMemoryComplianceStore} scans every movement on every question, which suits tests, not a whole store.
 * It answers every question of {@link ComplianceStore} the same way.
 *
 * <p>Per account and direction the movements are kept in record-time order with running totals (a prefix count
 * and sum of the movements the structuring rule counts), so that a window's count and sum are two binary searches
 * and a subtraction, whatever the number of movements in it: a settlement account has tens of thousands within
 * one structuring window. Everything is keyed by the account first, so one lookup by the account's id (whose hash
 * its string caches) finds all of an account's indexes.
 */
final class IndexedComplianceStore implements ComplianceStore {

    private final Map<String, AccountIndex> accounts = new HashMap<>();
    /**
     * The movements recorded under each transfer id, to refuse one recorded twice (same account, direction and
     * transfer): the first movement itself, or a list once there are more (a transfer has a debit and a credit).
     * Keyed by the movement's own id string, so the check holds no string of its own.
     */
    private final Map<String, Object> movementsByTransfer = new HashMap<>();
    private final Map<String, ComplianceAlert> alerts = new LinkedHashMap<>();

    /** One string per currency, for the movements kept (see {@link #recordMovement}). */
    private final Map<String, String> currencies = new HashMap<>();

    /** One account's movements per direction and the latest alert raised per type. */
    private static final class AccountIndex {
        /** The account's id, one string for all of its movements. */
        final String accountId;
        final EnumMap<MovementDirection, Series> sides = new EnumMap<>(MovementDirection.class);
        final EnumMap<AlertType, Instant> lastRaised = new EnumMap<>(AlertType.class);

        AccountIndex(String accountId) {
            this.accountId = accountId;
        }
    }

    /**
     * Keeps an equal movement whose account id and currency are the store's own strings: each event's payload
     * brings its own copies, and the movements (two per posted transfer) kept them alive, about a quarter of a
     * replay's heap.
     */
    @Override
    public void recordMovement(ComplianceMovement given) {
        AccountIndex account = accounts.get(given.accountId());
        ComplianceMovement m = new ComplianceMovement(account == null ? given.accountId() : account.accountId,
                given.direction(), given.transferId(), given.amountMinor(), currency(given.currency()),
                given.recordedAt());
        refuseDuplicate(m);
        if (account == null) {
            account = new AccountIndex(m.accountId());
            accounts.put(m.accountId(), account);
        }
        account.sides.computeIfAbsent(m.direction(), d -> new Series()).add(m);
    }

    private String currency(String currency) {
        if (currency == null) {
            return null;
        }
        String known = currencies.putIfAbsent(currency, currency);
        return known == null ? currency : known;
    }

    private void refuseDuplicate(ComplianceMovement m) {
        Object recorded = movementsByTransfer.putIfAbsent(m.transferId(), m);
        if (recorded == null) {
            return;
        }
        List<ComplianceMovement> same;
        if (recorded instanceof ComplianceMovement first) {
            same = new ArrayList<>(2);
            same.add(first);
        } else {
            @SuppressWarnings("unchecked")
            List<ComplianceMovement> list = (List<ComplianceMovement>) recorded;
            same = list;
        }
        for (ComplianceMovement earlier : same) {
            if (earlier.direction() == m.direction() && earlier.accountId().equals(m.accountId())) {
                throw new IllegalStateException("Movement " + m.accountId() + "|" + m.direction() + "|"
                        + m.transferId() + " recorded twice");
            }
        }
        same.add(m);
        movementsByTransfer.put(m.transferId(), same);
    }

    private Series series(String accountId, MovementDirection direction) {
        AccountIndex account = accounts.get(accountId);
        return account == null ? null : account.sides.get(direction);
    }

    @Override
    public List<ComplianceMovement> movements(String accountId, MovementDirection direction, Instant after,
                                              Instant upTo) {
        Series series = series(accountId, direction);
        if (series == null || after.isAfter(upTo)) {
            return List.of();
        }
        return series.range(series.firstAfter(after), series.firstAfter(upTo));
    }

    @Override
    public MovementTotals smallMovementTotals(String accountId, MovementDirection direction, String currency,
                                              long belowMinor, Instant after, Instant upTo) {
        Series series = series(accountId, direction);
        if (series == null || after.isAfter(upTo)) {
            return MovementTotals.NONE;
        }
        return series.smallTotals(currency, belowMinor, series.firstAfter(after), series.firstAfter(upTo));
    }

    @Override
    public int movementCount(String accountId, MovementDirection direction, Instant after, Instant upTo) {
        Series series = series(accountId, direction);
        if (series == null || after.isAfter(upTo)) {
            return 0;
        }
        return series.firstAfter(upTo) - series.firstAfter(after);
    }

    @Override
    public boolean raisedSince(AlertType type, String accountId, Instant after) {
        AccountIndex account = accounts.get(accountId);
        Instant latest = account == null ? null : account.lastRaised.get(type);
        return latest != null && latest.isAfter(after);
    }

    @Override
    public void raise(ComplianceAlert alert) {
        if (alerts.containsKey(alert.alertId())) {
            throw new IllegalStateException("Alert " + alert.alertId() + " raised twice");
        }
        alerts.put(alert.alertId(), alert.withSeq(alerts.size() + 1L));
        accounts.computeIfAbsent(alert.accountId(), AccountIndex::new)
                .lastRaised.merge(alert.type(), alert.raisedAt(), (a, b) -> a.isAfter(b) ? a : b);
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
        accounts.values().forEach(account -> account.sides.values().forEach(s -> all.addAll(s.range(0, s.size))));
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
        accounts.clear();
        currencies.clear();
        movementsByTransfer.clear();
        alerts.clear();
    }

    private static boolean matches(ComplianceAlert a, FindAlertsQuery q) {
        return (q.type() == null || a.type() == q.type())
                && (q.accountId() == null || a.accountId().equals(q.accountId()))
                && (q.from() == null || !a.raisedAt().isBefore(q.from()))
                && (q.to() == null || !a.raisedAt().isAfter(q.to()))
                && (q.status() == null || a.status() == q.status());
    }

    /**
     * One account's movements of one direction, in record-time order (equal times in arrival order), with running
     * totals of the movements that count for one question "in currency C, each below T": {@code counted[i]} and
     * {@code summed[i]} are the count and sum over the first i movements. The question (C, T) is fixed by the
     * first one asked; an account has one currency and the threshold is per currency, so it is the only one ever
     * asked, but any other is answered by adding up the window, as before. The totals are dropped (and windows
     * added up) if they would overflow or a counted amount is negative, where a sum over the window in order could
     * fail differently from a difference of totals.
     */
    static final class Series {
        private ComplianceMovement[] movements = new ComplianceMovement[4];
        private Instant[] times = new Instant[4];
        private int size;

        /** The question the totals answer; null until asked, and after the totals were given up. */
        private String totalsCurrency;
        private long totalsBelowMinor;
        private boolean totalsGivenUp;
        private int[] counted;
        private long[] summed;

        void add(ComplianceMovement m) {
            if (size == movements.length) {
                int capacity = size + (size >> 1) + 1;
                movements = Arrays.copyOf(movements, capacity);
                times = Arrays.copyOf(times, capacity);
                if (counted != null) {
                    counted = Arrays.copyOf(counted, capacity + 1);
                    summed = Arrays.copyOf(summed, capacity + 1);
                }
            }
            // Events arrive in commit order, which is almost always time order: the insertion point is nearly
            // always the end.
            int at = firstAfter(m.recordedAt());
            if (at < size) {
                System.arraycopy(movements, at, movements, at + 1, size - at);
                System.arraycopy(times, at, times, at + 1, size - at);
            }
            movements[at] = m;
            times[at] = m.recordedAt();
            size++;
            if (counted != null) {
                totalsFrom(at);
            }
        }

        /** Index of the first movement recorded strictly after {@code instant}. */
        int firstAfter(Instant instant) {
            int n = size;
            if (n == 0 || times[n - 1].compareTo(instant) <= 0) {
                return n;
            }
            int low = 0;
            int high = n - 1;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (times[middle].compareTo(instant) <= 0) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }

        List<ComplianceMovement> range(int from, int to) {
            return List.of(Arrays.copyOfRange(movements, from, to));
        }

        MovementTotals smallTotals(String currency, long belowMinor, int from, int to) {
            if (counted == null && !totalsGivenUp) {
                totalsCurrency = currency;
                totalsBelowMinor = belowMinor;
                counted = new int[movements.length + 1];
                summed = new long[movements.length + 1];
                totalsFrom(0);
            }
            if (counted == null || belowMinor != totalsBelowMinor || !currency.equals(totalsCurrency)) {
                return addUp(currency, belowMinor, from, to);
            }
            int count = counted[to] - counted[from];
            return count == 0 ? MovementTotals.NONE : new MovementTotals(count, summed[to] - summed[from]);
        }

        /** Recomputes the totals after the first {@code from} movements; gives them up where they cannot serve. */
        private void totalsFrom(int from) {
            int count = counted[from];
            long sum = summed[from];
            for (int i = from; i < size; i++) {
                ComplianceMovement m = movements[i];
                if (counts(m, totalsCurrency, totalsBelowMinor)) {
                    long amount = m.amountMinor();
                    if (amount < 0 || sum > Long.MAX_VALUE - amount) {
                        giveUpTotals();
                        return;
                    }
                    count++;
                    sum += amount;
                }
                counted[i + 1] = count;
                summed[i + 1] = sum;
            }
        }

        private void giveUpTotals() {
            counted = null;
            summed = null;
            totalsCurrency = null;
            totalsGivenUp = true;
        }

        /** The window's totals added up movement by movement, as the store interface's default does. */
        private MovementTotals addUp(String currency, long belowMinor, int from, int to) {
            MovementTotals totals = MovementTotals.NONE;
            for (int i = from; i < to; i++) {
                if (counts(movements[i], currency, belowMinor)) {
                    totals = totals.plus(movements[i].amountMinor());
                }
            }
            return totals;
        }

        private static boolean counts(ComplianceMovement m, String currency, long belowMinor) {
            return currency.equals(m.currency()) && m.amountMinor() != null && m.amountMinor() < belowMinor;
        }
    }
}
