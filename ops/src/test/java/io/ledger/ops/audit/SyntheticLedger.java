package io.ledger.ops.audit;

import io.ledger.core.StreamIds;
import io.ledger.core.account.AccountCreditedEvent;
import io.ledger.core.account.AccountDebitedEvent;
import io.ledger.core.account.AccountFrozenEvent;
import io.ledger.core.account.AccountHoldReleasedEvent;
import io.ledger.core.account.AccountHoldReservedEvent;
import io.ledger.core.account.AccountOpenedEvent;
import io.ledger.core.account.AccountUnfrozenEvent;
import io.ledger.core.account.LegSide;
import io.ledger.core.refusal.CommandRefusedEvent;
import io.ledger.core.transfer.HoldExpiredEvent;
import io.ledger.core.transfer.HoldPlacedEvent;
import io.ledger.core.transfer.HoldPostedEvent;
import io.ledger.core.transfer.HoldVoidedEvent;
import io.ledger.core.transfer.ReversalPostedEvent;
import io.ledger.core.transfer.TransferPostedEvent;
import io.ledger.core.transfer.TransferReversedEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A realistic, seeded ledger history, event by event, in the shapes and order the write side appends them: accounts
 * opened (a settlement account per currency, customers), funding, transfers between customers, holds placed and
 * then posted (in full or part), voided or expired, reversals, back-dated transfers, refusals, freezes. It keeps
 * each account's available balance so that it never overdraws, as the write side would refuse that; every unit of
 * work gets one timestamp, and time moves forward a few milliseconds between units.
 *
 * <p>The same seed gives the same events, so a store generated twice is the same store.
 */
final class SyntheticLedger {

    private static final String[] CURRENCIES = {"EUR", "USD"};

    private final Random random;
    private final int customersPerCurrency;
    private final Consumer<GeneratedEvent> sink;
    private final Map<String, Long> nextSeq = new HashMap<>();
    private final Map<String, Long> available = new HashMap<>();
    private final Set<String> frozen = new HashSet<>();
    private final Deque<Hold> openHolds = new ArrayDeque<>();
    private final List<Posted> reversible = new ArrayList<>();
    private Instant now;
    private long emitted;
    private long ids;

    private record Hold(String id, String debit, String credit, long amountMinor, String currency, Instant expiresAt) {
    }

    private record Posted(String id, String debit, String credit, long amountMinor, String currency) {
    }

    SyntheticLedger(long seed, int customersPerCurrency, Instant start, Consumer<GeneratedEvent> sink) {
        this.random = new Random(seed);
        this.customersPerCurrency = customersPerCurrency;
        this.now = start;
        this.sink = sink;
    }

    /** Emits events until at least {@code events} were emitted; returns how many. */
    long generate(long events) {
        for (String currency : CURRENCIES) {
            open(settlement(currency), currency, true);
            for (int i = 0; i < customersPerCurrency; i++) {
                open(customer(currency, i), currency, false);
            }
        }
        while (emitted < events) {
            tick();
            step();
        }
        return emitted;
    }

    private void step() {
        int dice = random.nextInt(1000);
        if (dice < 120) {
            fund();
        } else if (dice < 700) {
            transfer(null, false);
        } else if (dice < 760) {
            transfer(now.minus(Duration.ofMinutes(1 + random.nextInt(3 * 24 * 60))), false);
        } else if (dice < 770) {
            transfer(null, true);
        } else if (dice < 860) {
            placeHold();
        } else if (dice < 950) {
            resolveHold();
        } else if (dice < 975) {
            reverse();
        } else if (dice < 995) {
            refuse();
        } else {
            toggleFreeze();
        }
    }

    private void fund() {
        String currency = currency();
        String to = randomCustomer(currency);
        if (frozen.contains(to)) {
            return;
        }
        post(settlement(currency), to, 10_000 + random.nextInt(500_000), currency, null);
    }

    private void transfer(Instant effectiveAt, boolean large) {
        String currency = currency();
        String from = randomCustomer(currency);
        String to = randomCustomer(currency);
        long amount = large ? 1_000_000 + random.nextInt(100_000) : 100 + random.nextInt(20_000);
        if (from.equals(to) || frozen.contains(from) || frozen.contains(to) || available.get(from) < amount) {
            return;
        }
        post(from, to, amount, currency, effectiveAt);
    }

    private void post(String from, String to, long amount, String currency, Instant effectiveAt) {
        String id = "t-" + (++ids);
        Map<String, String> metadata = random.nextInt(4) == 0 ? Map.of("invoice", "INV-" + ids) : Map.of();
        Map<String, String> request = requestMetadata();
        emit("Transfer", StreamIds.transfer(id), 0,
                new TransferPostedEvent(id, from, to, amount, currency, metadata, effectiveAt), request);
        legs(id, from, to, amount, currency, effectiveAt, request);
        if (reversible.size() < 1_000) {
            reversible.add(new Posted(id, from, to, amount, currency));
        }
    }

    private void legs(String id, String from, String to, long amount, String currency, Instant effectiveAt,
                      Map<String, String> request) {
        emit("Account", StreamIds.account(from), seq(from),
                new AccountDebitedEvent(from, id, to, amount, currency, effectiveAt), request);
        emit("Account", StreamIds.account(to), seq(to),
                new AccountCreditedEvent(to, id, from, amount, currency, effectiveAt), request);
        move(from, -amount);
        move(to, amount);
    }

    private void placeHold() {
        String currency = currency();
        String from = randomCustomer(currency);
        String to = randomCustomer(currency);
        long amount = 100 + random.nextInt(10_000);
        if (from.equals(to) || frozen.contains(from) || frozen.contains(to) || available.get(from) < amount) {
            return;
        }
        String id = "h-" + (++ids);
        Instant expiresAt = now.plusSeconds(60 + random.nextInt(3600));
        Map<String, String> request = requestMetadata();
        emit("Transfer", StreamIds.transfer(id), 0,
                new HoldPlacedEvent(id, from, to, amount, currency, Map.of(), 3600L, expiresAt), request);
        emit("Account", StreamIds.account(from), seq(from),
                new AccountHoldReservedEvent(from, id, LegSide.DEBIT, to, amount, currency), request);
        emit("Account", StreamIds.account(to), seq(to),
                new AccountHoldReservedEvent(to, id, LegSide.CREDIT, from, amount, currency), request);
        move(from, -amount);
        openHolds.addLast(new Hold(id, from, to, amount, currency, expiresAt));
    }

    private void resolveHold() {
        Hold hold = openHolds.pollFirst();
        if (hold == null) {
            return;
        }
        Map<String, String> request = requestMetadata();
        String stream = StreamIds.transfer(hold.id());
        int outcome = random.nextInt(10);
        if (outcome < 6) {
            long posted = outcome < 4 ? hold.amountMinor() : 1 + random.nextInt((int) hold.amountMinor());
            emit("Transfer", stream, 1, new HoldPostedEvent(hold.id(), hold.debit(), hold.credit(), hold.amountMinor(),
                    posted, hold.amountMinor() - posted, hold.currency()), request);
            releases(hold, request);
            move(hold.debit(), hold.amountMinor());
            legs(hold.id(), hold.debit(), hold.credit(), posted, hold.currency(), null, request);
        } else if (outcome < 9) {
            emit("Transfer", stream, 1, new HoldVoidedEvent(hold.id(), hold.debit(), hold.credit(),
                    hold.amountMinor(), hold.currency()), request);
            releases(hold, request);
            move(hold.debit(), hold.amountMinor());
        } else {
            emit("Transfer", stream, 1, new HoldExpiredEvent(hold.id(), hold.debit(), hold.credit(),
                    hold.amountMinor(), hold.currency(), hold.expiresAt()), Map.of());
            releases(hold, Map.of());
            move(hold.debit(), hold.amountMinor());
        }
    }

    private void releases(Hold hold, Map<String, String> request) {
        emit("Account", StreamIds.account(hold.debit()), seq(hold.debit()), new AccountHoldReleasedEvent(
                hold.debit(), hold.id(), LegSide.DEBIT, hold.amountMinor(), hold.currency()), request);
        emit("Account", StreamIds.account(hold.credit()), seq(hold.credit()), new AccountHoldReleasedEvent(
                hold.credit(), hold.id(), LegSide.CREDIT, hold.amountMinor(), hold.currency()), request);
    }

    private void reverse() {
        if (reversible.isEmpty()) {
            return;
        }
        Posted original = reversible.remove(random.nextInt(reversible.size()));
        if (frozen.contains(original.debit()) || frozen.contains(original.credit())
                || available.get(original.credit()) < original.amountMinor()) {
            return;
        }
        String id = "r-" + (++ids);
        Map<String, String> request = requestMetadata();
        emit("Transfer", StreamIds.transfer(original.id()), 1, new TransferReversedEvent(original.id(), id,
                original.amountMinor(), original.amountMinor()), request);
        emit("Transfer", StreamIds.transfer(id), 0, new ReversalPostedEvent(id, original.id(), original.credit(),
                original.debit(), original.amountMinor(), original.currency(), Map.of()), request);
        legs(id, original.credit(), original.debit(), original.amountMinor(), original.currency(), null, request);
    }

    private void refuse() {
        String currency = currency();
        String from = randomCustomer(currency);
        String id = "x-" + (++ids);
        emit("RefusedAttempt", StreamIds.refusal(id), 0, new CommandRefusedEvent(id, "TransferFundsCommand",
                Map.of("transferId", "t-refused-" + ids, "debitAccountId", from, "amountMinor", "99999999",
                        "currency", currency), List.of(from, settlement(currency)), "INSUFFICIENT_FUNDS",
                "Account " + from + " has insufficient funds for this transfer."), requestMetadata());
    }

    private void toggleFreeze() {
        String account = randomCustomer(currency());
        if (frozen.remove(account)) {
            emit("Account", StreamIds.account(account), seq(account),
                    new AccountUnfrozenEvent(account, "review done"), requestMetadata());
        } else {
            frozen.add(account);
            emit("Account", StreamIds.account(account), seq(account),
                    new AccountFrozenEvent(account, "KYC review"), requestMetadata());
        }
    }

    private void open(String account, String currency, boolean unlimited) {
        tick();
        emit("Account", StreamIds.account(account), seq(account),
                new AccountOpenedEvent(account, currency, "Account " + account, 0, unlimited), requestMetadata());
        available.put(account, unlimited ? Long.MAX_VALUE / 4 : 0L);
    }

    private Map<String, String> requestMetadata() {
        if (random.nextInt(3) == 0) {
            return Map.of();
        }
        long request = ++ids;
        return Map.of("principal", "clerk-" + random.nextInt(5), "correlationId", "c-" + request,
                "requestId", "req-" + request);
    }

    private void emit(String type, String stream, long seq, Object payload, Map<String, String> metadata) {
        sink.accept(new GeneratedEvent(type, stream, seq, now, payload, metadata));
        emitted++;
    }

    private long seq(String account) {
        return nextSeq.merge(account, 1L, Long::sum) - 1;
    }

    private void move(String account, long delta) {
        available.merge(account, delta, Long::sum);
    }

    private void tick() {
        now = now.plusMillis(1 + random.nextInt(20));
    }

    private String currency() {
        return CURRENCIES[random.nextInt(CURRENCIES.length)];
    }

    private String randomCustomer(String currency) {
        return customer(currency, random.nextInt(customersPerCurrency));
    }

    static String settlement(String currency) {
        return "settlement-" + currency.toLowerCase();
    }

    static String customer(String currency, int i) {
        return currency.toLowerCase() + "-customer-" + i;
    }
}
