package io.ledger.query.statement;

import io.ledger.core.statement.EntryType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded random history of accounts in two currencies: openings, transfers, holds placed and later released
 * (posted in part, in full, or not at all). It feeds a {@link StatementFeed} and keeps, independently of any
 * store, the list of every account event it fed, so that tests can compute balances at any instant themselves.
 *
 * <p>Timestamps are random but never decrease within one account, which is what the event store guarantees (an
 * account is locked from stamping to commit). Across accounts they may go back: two accounts' clocks drift apart.
 * Both legs of a transfer and both reservations of a hold share one millisecond, and many events share one with
 * the events before them.
 */
final class RandomLedger {

    static final Instant START = Instant.parse("2024-06-01T00:00:00.000Z");
    private static final List<String> CURRENCIES = List.of("EUR", "USD");
    private static final long HOUR_MILLIS = 3_600_000;

    /** One account event as the test recorded it, with the account's stream sequence number. */
    record Recorded(String accountId, long entrySeq, Instant recordedAt, EntryType type, long amountMinor,
                    String currency) {
    }

    private record Hold(String transferId, String debitId, String creditId, long amountMinor, String currency) {
    }

    private final Random random;
    private final StatementFeed feed;
    private final Map<String, String> currencyByAccount = new LinkedHashMap<>();
    private final Map<String, Instant> clockByAccount = new HashMap<>();
    private final List<String> unopened = new ArrayList<>();
    private final List<Hold> openHolds = new ArrayList<>();
    private final List<Recorded> recorded = new ArrayList<>();
    private Instant wallClock = START;
    private int transfers;

    private RandomLedger(long seed, StatementStore store) {
        this.random = new Random(seed);
        this.feed = new StatementFeed(store);
    }

    /** Feeds {@code store} a history of about {@code movements} movements made from {@code seed}. */
    static RandomLedger feed(long seed, StatementStore store, int movements) {
        RandomLedger ledger = new RandomLedger(seed, store);
        ledger.run(movements);
        return ledger;
    }

    List<Recorded> recorded() {
        return List.copyOf(recorded);
    }

    Map<String, String> currencyByAccount() {
        return Map.copyOf(currencyByAccount);
    }

    private void run(int movements) {
        int accounts = 4 + random.nextInt(5);
        for (int i = 0; i < accounts; i++) {
            // The first four cover both currencies twice, so that every currency can move money.
            String currency = i < 4 ? CURRENCIES.get(i % 2) : CURRENCIES.get(random.nextInt(2));
            String accountId = "acc-" + i;
            currencyByAccount.put(accountId, currency);
            unopened.add(accountId);
        }
        // Two euro accounts and a dollar account from the start; the second dollar account comes later, so that
        // dollars cannot move at first.
        open("acc-0");
        open("acc-1");
        open("acc-2");
        for (int i = 0; i < movements; i++) {
            advanceWallClock();
            double dice = random.nextDouble();
            if (!unopened.isEmpty() && (dice < 0.06 || i > movements / 2)) {
                open(unopened.get(random.nextInt(unopened.size())));
            } else if (dice < 0.55) {
                transfer();
            } else if (dice < 0.75) {
                placeHold();
            } else {
                resolveHold();
            }
        }
    }

    private void open(String accountId) {
        Instant at = stamp();
        unopened.remove(accountId);
        clockByAccount.put(accountId, at);
        feed.open(accountId, currencyByAccount.get(accountId), at);
        record(accountId, at, EntryType.OPENED, 0);
    }

    private void transfer() {
        List<String> pair = pairOfOneCurrency();
        if (pair.isEmpty()) {
            return;
        }
        String debitId = pair.get(0);
        String creditId = pair.get(1);
        String currency = currencyByAccount.get(debitId);
        long amountMinor = amount();
        Instant at = stamp(debitId, creditId);
        feed.transfer("tr-" + ++transfers, debitId, creditId, amountMinor, currency,
                Map.of("n", String.valueOf(transfers)), at);
        record(debitId, at, EntryType.DEBIT, amountMinor);
        record(creditId, at, EntryType.CREDIT, amountMinor);
    }

    private void placeHold() {
        List<String> pair = pairOfOneCurrency();
        if (pair.isEmpty()) {
            return;
        }
        Hold hold = new Hold("hold-" + ++transfers, pair.get(0), pair.get(1), amount(),
                currencyByAccount.get(pair.get(0)));
        Instant at = stamp(hold.debitId(), hold.creditId());
        feed.placeHold(hold.transferId(), hold.debitId(), hold.creditId(), hold.amountMinor(), hold.currency(),
                Map.of(), at);
        record(hold.debitId(), at, EntryType.PENDING_DEBIT, hold.amountMinor());
        record(hold.creditId(), at, EntryType.PENDING_CREDIT, hold.amountMinor());
        openHolds.add(hold);
    }

    /** Posts a random part of an open hold: nothing (voided or expired), some of it, or all of it. */
    private void resolveHold() {
        if (openHolds.isEmpty()) {
            return;
        }
        Hold hold = openHolds.remove(random.nextInt(openHolds.size()));
        long postedMinor = switch (random.nextInt(3)) {
            case 0 -> 0;
            case 1 -> 1 + random.nextInt((int) hold.amountMinor());
            default -> hold.amountMinor();
        };
        Instant at = stamp(hold.debitId(), hold.creditId());
        feed.resolveHold(hold.transferId(), hold.debitId(), hold.creditId(), hold.amountMinor(), postedMinor,
                hold.currency(), at);
        record(hold.debitId(), at, EntryType.PENDING_DEBIT_RELEASED, hold.amountMinor());
        record(hold.creditId(), at, EntryType.PENDING_CREDIT_RELEASED, hold.amountMinor());
        if (postedMinor > 0) {
            record(hold.debitId(), at, EntryType.DEBIT, postedMinor);
            record(hold.creditId(), at, EntryType.CREDIT, postedMinor);
        }
    }

    /** Two distinct open accounts of one currency, or none when no currency has two yet. */
    private List<String> pairOfOneCurrency() {
        String currency = CURRENCIES.get(random.nextInt(CURRENCIES.size()));
        List<String> candidates = new ArrayList<>(clockByAccount.keySet().stream()
                .filter(id -> currencyByAccount.get(id).equals(currency)).sorted().toList());
        if (candidates.size() < 2) {
            return List.of();
        }
        String debitId = candidates.remove(random.nextInt(candidates.size()));
        return List.of(debitId, candidates.get(random.nextInt(candidates.size())));
    }

    /** Often no time passes, often less than a second, sometimes up to an hour. */
    private void advanceWallClock() {
        double dice = random.nextDouble();
        if (dice < 0.3) {
            return;
        }
        long millis = dice < 0.6 ? 1 + random.nextInt(999) : 1 + (long) (random.nextDouble() * HOUR_MILLIS);
        wallClock = wallClock.plusMillis(millis);
    }

    /**
     * An instant for an event on {@code accountIds}: the wall clock give or take a few seconds (so that accounts
     * drift apart), but never before the last event of any of those accounts.
     */
    private Instant stamp(String... accountIds) {
        long jitterMillis = random.nextBoolean() ? 0 : random.nextInt(4_001) - 2_000;
        Instant at = wallClock.plusMillis(jitterMillis);
        for (String accountId : accountIds) {
            Instant last = clockByAccount.get(accountId);
            if (last.isAfter(at)) {
                at = last;
            }
        }
        for (String accountId : accountIds) {
            clockByAccount.put(accountId, at);
        }
        return at;
    }

    private long amount() {
        return 1 + random.nextInt(random.nextBoolean() ? 100 : 1_000_000);
    }

    private void record(String accountId, Instant at, EntryType type, long amountMinor) {
        long entrySeq = recorded.stream().filter(r -> r.accountId().equals(accountId)).count();
        recorded.add(new Recorded(accountId, entrySeq, at, type, amountMinor, currencyByAccount.get(accountId)));
    }
}
