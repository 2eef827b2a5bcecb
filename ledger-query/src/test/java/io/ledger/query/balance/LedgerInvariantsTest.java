package io.ledger.query.balance;

import io.ledger.core.account.AccountClosedEvent;
import io.ledger.core.account.AccountFrozenEvent;
import io.ledger.core.account.AccountOpenedEvent;
import io.ledger.core.account.AccountOverdraftLimitChangedEvent;
import io.ledger.core.account.AccountStatus;
import io.ledger.core.account.AccountUnfrozenEvent;
import io.ledger.core.account.AccountView;
import io.ledger.core.transfer.HoldExpiredEvent;
import io.ledger.core.transfer.HoldPlacedEvent;
import io.ledger.core.transfer.HoldPostedEvent;
import io.ledger.core.transfer.HoldVoidedEvent;
import io.ledger.core.transfer.ReversalPostedEvent;
import io.ledger.core.transfer.TransferPostedEvent;
import io.ledger.core.transfer.TransferReversedEvent;
import io.ledger.query.ProjectionProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The balance view's invariants after any sequence of events: posted balances of all accounts sum to zero, and the
 * pending debits of all accounts equal their pending credits. Each sequence is generated from a fixed seed, the way
 * the write side could record it (transfers, holds and their outcomes, reversals, lifecycle), with refused events
 * mixed in. Both stores are fed the same sequence side by side, checked after every event, and must end with
 * exactly the rows a simple model of the ledger expects.
 */
class LedgerInvariantsTest {

    private static final int EVENTS_PER_SEQUENCE = 250;

    private final ProjectionProgress progress = new ProjectionProgress();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 20240310, 7_777_777})
    void keepsPostedBalancesAtZeroAndPendingDebitsEqualToPendingCreditsAfterEveryEvent(long seed) {
        LedgerModel model = new LedgerModel(new Random(seed));
        BalanceStore inMemory = new InMemoryBalanceStore();
        BalanceStore jdbc = H2ReadModel.freshStore();
        Map<BalanceStore, AccountBalanceProjection> projections = Map.of(
                inMemory, new AccountBalanceProjection(inMemory, progress),
                jdbc, new AccountBalanceProjection(jdbc, progress));

        for (int i = 0; i < EVENTS_PER_SEQUENCE; i++) {
            Step step = model.next();
            for (BalanceStore store : List.of(inMemory, jdbc)) {
                applyAndCheck(step, projections.get(store), store, i);
            }
            assertThat(jdbc.allAccounts()).as("both stores after event %d (%s)", i, step.description())
                    .isEqualTo(inMemory.allAccounts());
        }

        assertThat(inMemory.allAccounts()).isEqualTo(model.expectedAccounts());
        assertThat(jdbc.allAccounts()).isEqualTo(model.expectedAccounts());
        assertThat(BalanceRows.of(jdbc, model.transferIds())).isEqualTo(BalanceRows.of(inMemory, model.transferIds()));
        assertThat(model.holdsResolved()).as("the sequence exercised hold outcomes").isPositive();
        assertThat(model.refusals()).as("the sequence exercised refusals").isPositive();
    }

    @Test
    void keepsTheInvariantsAfterEveryEventOfTheRecordedLedger() {
        for (BalanceStore store : List.of(new InMemoryBalanceStore(), H2ReadModel.freshStore())) {
            AccountBalanceProjection projection = new AccountBalanceProjection(store, progress);
            List<Consumer<AccountBalanceProjection>> events = RecordedLedger.events();
            for (int i = 0; i < events.size(); i++) {
                events.get(i).accept(projection);
                assertInvariants(BalanceRows.of(store), "recorded event " + i);
            }
        }
    }

    private static void applyAndCheck(Step step, AccountBalanceProjection projection, BalanceStore store, int i) {
        String what = "event " + i + " (" + step.description() + ")";
        if (step.refused()) {
            BalanceRows before = BalanceRows.of(store, step.touchedTransferIds());
            assertThatThrownBy(() -> step.event().accept(projection)).as(what)
                    .isInstanceOf(IllegalStateException.class);
            assertThat(BalanceRows.of(store, step.touchedTransferIds())).as(what).isEqualTo(before);
        } else {
            step.event().accept(projection);
        }
        assertInvariants(BalanceRows.of(store), what);
    }

    private static void assertInvariants(BalanceRows rows, String after) {
        assertThat(rows.postedSumMinor()).as("sum of posted balances after %s", after).isZero();
        assertThat(rows.pendingDebitsSumMinor()).as("pending debits vs credits after %s", after)
                .isEqualTo(rows.pendingCreditsSumMinor());
    }

    /** One event for the projection, and whether the store must refuse it. */
    record Step(String description, Consumer<AccountBalanceProjection> event, boolean refused,
                List<String> touchedTransferIds) {
    }

    /**
     * A minimal ledger that generates plausible events and knows the balances they must produce. Money rules of
     * the write side (overdraft, frozen accounts) do not matter to the projection, which records what happened.
     */
    static final class LedgerModel {

        private final Random random;
        private final Map<String, AccountView> accounts = new LinkedHashMap<>();
        private final Map<String, HoldPlacedEvent> pendingHolds = new LinkedHashMap<>();
        private final List<String> resolvedHolds = new ArrayList<>();
        /** Transfers, posted holds and their debit and credit accounts, with what remains to be reversed. */
        private final Map<String, Reversible> reversible = new LinkedHashMap<>();
        private final List<String> transferIds = new ArrayList<>();
        private Instant clock = Instant.parse("2024-01-01T00:00:00Z");
        private int holdsResolved;
        private int refusals;
        private int nextId;

        LedgerModel(Random random) {
            this.random = random;
        }

        Step next() {
            clock = clock.plusMillis(1 + random.nextInt(5_000));
            if (accounts.size() < 3) {
                return open();
            }
            int dice = random.nextInt(100);
            if (dice < 5) {
                return open();
            } else if (dice < 25) {
                return transfer();
            } else if (dice < 45) {
                return placeHold();
            } else if (dice < 70 && !pendingHolds.isEmpty()) {
                return resolveHold();
            } else if (dice < 80 && !reversible.isEmpty()) {
                return reverse();
            } else if (dice < 88) {
                return lifecycle();
            }
            return refused();
        }

        List<AccountView> expectedAccounts() {
            return accounts.values().stream().sorted(Comparator.comparing(AccountView::accountId)).toList();
        }

        List<String> transferIds() {
            return List.copyOf(transferIds);
        }

        int holdsResolved() {
            return holdsResolved;
        }

        int refusals() {
            return refusals;
        }

        private Step open() {
            String id = "acc-" + (nextId++);
            boolean unlimited = random.nextInt(4) == 0;
            AccountOpenedEvent event = new AccountOpenedEvent(id, "EUR", "Account " + id, unlimited ? 0 : 10_000,
                    unlimited);
            Instant at = clock;
            accounts.put(id, new AccountView(id, "EUR", event.name(), event.overdraftLimitMinor(), unlimited,
                    AccountStatus.ACTIVE, 0, 0, 0, at));
            return accepted("open " + id, p -> p.on(event, at));
        }

        private Step transfer() {
            String[] pair = twoAccounts();
            String id = newTransferId();
            long amount = amount();
            move(pair[0], pair[1], amount, 0, 0);
            reversible.put(id, new Reversible(pair[0], pair[1], amount, 0));
            TransferPostedEvent event = new TransferPostedEvent(id, pair[0], pair[1], amount, "EUR",
                    Map.of("n", id));
            Instant at = clock;
            return accepted("transfer " + id, p -> p.on(event, at));
        }

        private Step placeHold() {
            String[] pair = twoAccounts();
            String id = newTransferId();
            long amount = amount();
            move(pair[0], pair[1], 0, amount, amount);
            HoldPlacedEvent event = new HoldPlacedEvent(id, pair[0], pair[1], amount, "EUR", Map.of(), 3_600L,
                    clock.plusSeconds(3_600));
            pendingHolds.put(id, event);
            Instant at = clock;
            return accepted("hold " + id, p -> p.on(event, at));
        }

        private Step resolveHold() {
            List<String> ids = new ArrayList<>(pendingHolds.keySet());
            HoldPlacedEvent hold = pendingHolds.remove(ids.get(random.nextInt(ids.size())));
            resolvedHolds.add(hold.transferId());
            holdsResolved++;
            String id = hold.transferId();
            long held = hold.amountMinor();
            Instant at = clock;
            int outcome = random.nextInt(3);
            if (outcome == 0) {
                long posted = 1 + (long) random.nextInt((int) held);
                move(hold.debitAccountId(), hold.creditAccountId(), posted, -held, -held);
                reversible.put(id, new Reversible(hold.debitAccountId(), hold.creditAccountId(), posted, 0));
                return accepted("post " + posted + " of " + id, p -> p.on(new HoldPostedEvent(id,
                        hold.debitAccountId(), hold.creditAccountId(), held, posted, held - posted, "EUR"), at));
            }
            move(hold.debitAccountId(), hold.creditAccountId(), 0, -held, -held);
            if (outcome == 1) {
                return accepted("void " + id, p -> p.on(new HoldVoidedEvent(id, hold.debitAccountId(),
                        hold.creditAccountId(), held, "EUR"), at));
            }
            return accepted("expire " + id, p -> p.on(new HoldExpiredEvent(id, hold.debitAccountId(),
                    hold.creditAccountId(), held, "EUR", hold.expiresAt()), at));
        }

        /** A reversal is two events on two streams; the second lands here as a step of its own right after. */
        private Step reverse() {
            List<String> ids = new ArrayList<>(reversible.keySet());
            String originalId = ids.get(random.nextInt(ids.size()));
            Reversible original = reversible.get(originalId);
            long remaining = original.postedMinor() - original.reversedMinor();
            long amount = 1 + (long) random.nextInt((int) remaining);
            long total = original.reversedMinor() + amount;
            if (total == original.postedMinor()) {
                reversible.remove(originalId);
            } else {
                reversible.put(originalId, new Reversible(original.debitAccountId(), original.creditAccountId(),
                        original.postedMinor(), total));
            }
            String reversalId = newTransferId();
            move(original.creditAccountId(), original.debitAccountId(), amount, 0, 0);
            ReversalPostedEvent posted = new ReversalPostedEvent(reversalId, originalId, original.creditAccountId(),
                    original.debitAccountId(), amount, "EUR", Map.of());
            TransferReversedEvent reversed = new TransferReversedEvent(originalId, reversalId, amount, total);
            Instant at = clock;
            return accepted("reverse " + amount + " of " + originalId, p -> {
                p.on(posted, at);
                p.on(reversed);
            });
        }

        private Step lifecycle() {
            String id = twoAccounts()[0];
            AccountView a = accounts.get(id);
            int choice = random.nextInt(3);
            if (choice == 0 && a.status() == AccountStatus.ACTIVE) {
                accounts.put(id, withStatus(a, AccountStatus.FROZEN));
                return accepted("freeze " + id, p -> p.on(new AccountFrozenEvent(id, "test")));
            } else if (choice == 0) {
                accounts.put(id, withStatus(a, AccountStatus.ACTIVE));
                return accepted("unfreeze " + id, p -> p.on(new AccountUnfrozenEvent(id, "test")));
            } else if (choice == 1) {
                long limit = random.nextInt(50_000);
                boolean unlimited = random.nextBoolean();
                accounts.put(id, new AccountView(id, a.currency(), a.name(), limit, unlimited, a.status(),
                        a.postedMinor(), a.pendingDebitsMinor(), a.pendingCreditsMinor(), a.openedAt()));
                return accepted("limit " + id, p -> p.on(new AccountOverdraftLimitChangedEvent(id, limit, unlimited,
                        "test")));
            }
            // Only an account with nothing posted or pending can close; open one just for that.
            Step opened = open();
            String emptyId = "acc-" + (nextId - 1);
            accounts.put(emptyId, withStatus(accounts.get(emptyId), AccountStatus.CLOSED));
            return accepted("open and close " + emptyId, p -> {
                opened.event().accept(p);
                p.on(new AccountClosedEvent(emptyId, "test"));
            });
        }

        /** An event the store must refuse without changing a row; the model does not change. */
        private Step refused() {
            refusals++;
            String[] pair = twoAccounts();
            Instant at = clock;
            int kind = random.nextInt(5);
            if (kind == 0 && !transferIds.isEmpty()) {
                String duplicate = transferIds.get(random.nextInt(transferIds.size()));
                return refused("transfer again " + duplicate, p -> p.on(new TransferPostedEvent(duplicate, pair[0],
                        pair[1], 1, "EUR", Map.of()), at), duplicate);
            } else if (kind == 1 && !resolvedHolds.isEmpty()) {
                String resolved = resolvedHolds.get(random.nextInt(resolvedHolds.size()));
                return refused("void resolved " + resolved, p -> p.on(new HoldVoidedEvent(resolved, pair[0],
                        pair[1], 1, "EUR"), at), resolved);
            } else if (kind == 2) {
                return refused("hold from unknown account", p -> p.on(new HoldPlacedEvent("tr-refused",
                        "acc-nobody", pair[1], 1, "EUR", Map.of(), 60L, at.plusSeconds(60)), at), "tr-refused");
            } else if (kind == 3) {
                return refused("expire unknown hold", p -> p.on(new HoldExpiredEvent("tr-refused", pair[0],
                        pair[1], 1, "EUR", at), at), "tr-refused");
            }
            return refused("transfer to unknown account", p -> p.on(new TransferPostedEvent("tr-refused", pair[0],
                    "acc-nobody", 1, "EUR", Map.of()), at), "tr-refused");
        }

        private Step accepted(String description, Consumer<AccountBalanceProjection> event) {
            return new Step(description, event, false, List.of());
        }

        private Step refused(String description, Consumer<AccountBalanceProjection> event, String transferId) {
            return new Step(description, event, true, List.of(transferId));
        }

        private String newTransferId() {
            String id = "tr-" + (nextId++);
            transferIds.add(id);
            return id;
        }

        private long amount() {
            return 1 + random.nextInt(100_000);
        }

        /** Two different accounts that are not closed, the first to be debited. */
        private String[] twoAccounts() {
            List<String> open = accounts.values().stream().filter(a -> a.status() != AccountStatus.CLOSED)
                    .map(AccountView::accountId).toList();
            int debit = random.nextInt(open.size());
            int credit = (debit + 1 + random.nextInt(open.size() - 1)) % open.size();
            return new String[] {open.get(debit), open.get(credit)};
        }

        private void move(String debitId, String creditId, long postedMinor, long pendingDebitsDeltaMinor,
                          long pendingCreditsDeltaMinor) {
            accounts.put(debitId, accounts.get(debitId).plus(-postedMinor, pendingDebitsDeltaMinor, 0));
            accounts.put(creditId, accounts.get(creditId).plus(postedMinor, 0, pendingCreditsDeltaMinor));
        }

        private static AccountView withStatus(AccountView a, AccountStatus status) {
            return new AccountView(a.accountId(), a.currency(), a.name(), a.overdraftLimitMinor(),
                    a.unlimitedOverdraft(), status, a.postedMinor(), a.pendingDebitsMinor(), a.pendingCreditsMinor(),
                    a.openedAt());
        }

        record Reversible(String debitAccountId, String creditAccountId, long postedMinor, long reversedMinor) {
        }
    }
}
