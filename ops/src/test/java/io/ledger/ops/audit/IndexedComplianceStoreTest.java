package io.ledger.ops.audit;

import io.ledger.core.compliance.AlertType;
import io.ledger.core.compliance.ComplianceAlert;
import io.ledger.query.compliance.ComplianceMovement;
import io.ledger.query.compliance.ComplianceStore;
import io.ledger.query.compliance.InMemoryComplianceStore;
import io.ledger.query.compliance.MovementDirection;
import io.ledger.query.compliance.MovementTotals;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The indexed store (running totals, binary searches) against the read side's plain one, which scans every
 * movement on every question: on random histories they must answer every question alike.
 */
class IndexedComplianceStoreTest {

    private static final List<String> ACCOUNTS = List.of("a-1", "a-2", "a-3", "settlement");
    private static final List<String> CURRENCIES = List.of("EUR", "EUR", "EUR", "USD");
    private static final Instant START = Instant.parse("2026-06-01T08:00:00Z");

    @Test
    void answersEveryQuestionAsThePlainStoreDoesOnRandomHistories() {
        for (long seed = 1; seed <= 60; seed++) {
            compareOn(new SplittableRandom(seed), 1_500);
        }
    }

    private static void compareOn(SplittableRandom random, int steps) {
        IndexedComplianceStore indexed = new IndexedComplianceStore();
        InMemoryComplianceStore plain = new InMemoryComplianceStore();
        long clock = 0;
        for (int step = 0; step < steps; step++) {
            // Mostly rising record times with repeats, now and then one earlier (out of order).
            clock += random.nextInt(4) == 0 ? 0 : random.nextInt(90_000);
            Instant at = START.plusMillis(random.nextInt(20) == 0 ? clock - random.nextLong(3_600_000) : clock);
            String account = ACCOUNTS.get(random.nextInt(ACCOUNTS.size()));
            MovementDirection side = MovementDirection.values()[random.nextInt(MovementDirection.values().length)];
            int action = random.nextInt(10);
            if (action < 5) {
                Long amount = random.nextInt(30) == 0 ? null
                        : random.nextInt(15) == 0 ? 2_000_000L : (long) random.nextInt(1_200_000);
                String currency = random.nextInt(30) == 0 ? null : CURRENCIES.get(random.nextInt(CURRENCIES.size()));
                ComplianceMovement m = new ComplianceMovement(account, side, "t-" + step, amount, currency, at);
                indexed.recordMovement(m);
                plain.recordMovement(m);
            } else if (action < 6) {
                AlertType type = AlertType.values()[random.nextInt(AlertType.values().length)];
                ComplianceAlert alert = ComplianceAlert.open(type + ":" + step, type, account, "t-" + step, 1L,
                        "EUR", at, "v1", "details");
                indexed.raise(alert);
                plain.raise(alert);
            } else {
                Instant upTo = random.nextInt(4) == 0 ? at.minusSeconds(random.nextInt(7_200)) : at;
                Instant after = upTo.minusSeconds(random.nextInt(4) == 0 ? -60 : random.nextInt(90_000));
                String currency = random.nextInt(10) == 0 ? "USD" : "EUR";
                long below = random.nextInt(10) == 0 ? 500_000 : 1_000_000;
                assertThat(indexed.smallMovementTotals(account, side, currency, below, after, upTo))
                        .isEqualTo(naiveTotals(plain, account, side, currency, below, after, upTo));
                assertThat(indexed.movementCount(account, side, after, upTo))
                        .isEqualTo(plain.movements(account, side, after, upTo).size());
                assertThat(indexed.movements(account, side, after, upTo))
                        .containsExactlyInAnyOrderElementsOf(plain.movements(account, side, after, upTo));
                for (AlertType type : AlertType.values()) {
                    assertThat(indexed.raisedSince(type, account, after)).isEqualTo(plain.raisedSince(type, account, after));
                }
            }
        }
    }

    /** The structuring rule's question answered by listing the window, as the interface's default does. */
    private static MovementTotals naiveTotals(ComplianceStore store, String account, MovementDirection side,
                                             String currency, long below, Instant after, Instant upTo) {
        MovementTotals totals = MovementTotals.NONE;
        for (ComplianceMovement m : store.movements(account, side, after, upTo)) {
            if (currency.equals(m.currency()) && m.amountMinor() != null && m.amountMinor() < below) {
                totals = totals.plus(m.amountMinor());
            }
        }
        return totals;
    }

    @Test
    void totalsThatWouldOverflowAreAddedUpAndFailAsTheSumWould() {
        IndexedComplianceStore store = new IndexedComplianceStore();
        Instant at = START;
        store.recordMovement(new ComplianceMovement("a", MovementDirection.DEBIT, "t-1", Long.MAX_VALUE - 10, "EUR", at));
        assertThat(store.smallMovementTotals("a", MovementDirection.DEBIT, "EUR", Long.MAX_VALUE, at.minusSeconds(1), at))
                .isEqualTo(new MovementTotals(1, Long.MAX_VALUE - 10));
        store.recordMovement(new ComplianceMovement("a", MovementDirection.DEBIT, "t-2", 20L, "EUR", at.plusSeconds(1)));
        assertThat(store.smallMovementTotals("a", MovementDirection.DEBIT, "EUR", Long.MAX_VALUE, at, at.plusSeconds(1)))
                .isEqualTo(new MovementTotals(1, 20));
        assertThatThrownBy(() -> store.smallMovementTotals("a", MovementDirection.DEBIT, "EUR", Long.MAX_VALUE,
                at.minusSeconds(1), at.plusSeconds(1))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void refusesAMovementRecordedTwiceButNotTheOtherSideOfTheSameTransfer() {
        IndexedComplianceStore store = new IndexedComplianceStore();
        store.recordMovement(new ComplianceMovement("a", MovementDirection.DEBIT, "t-1", 5L, "EUR", START));
        store.recordMovement(new ComplianceMovement("b", MovementDirection.CREDIT, "t-1", 5L, "EUR", START));
        store.recordMovement(new ComplianceMovement("b", MovementDirection.DEBIT, "t-1", 5L, "EUR", START));
        assertThatThrownBy(() -> store.recordMovement(
                new ComplianceMovement("b", MovementDirection.CREDIT, "t-1", 5L, "EUR", START)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("recorded twice");
    }

    @Test
    @SuppressWarnings("StringOperationCanBeSimplified") // distinct strings, as each event's payload brings
    void keepsEqualMovementsWithOneAccountIdAndCurrencyStringPerAccount() {
        IndexedComplianceStore store = new IndexedComplianceStore();
        store.recordMovement(new ComplianceMovement(new String("a"), MovementDirection.DEBIT, "t-1", 5L,
                new String("EUR"), START));
        store.recordMovement(new ComplianceMovement(new String("a"), MovementDirection.DEBIT, "t-2", 6L,
                new String("EUR"), START.plusSeconds(1)));
        store.recordMovement(new ComplianceMovement(new String("a"), MovementDirection.INSUFFICIENT_FUNDS, "r-1",
                null, null, START.plusSeconds(2)));
        List<ComplianceMovement> debits = store.movements("a", MovementDirection.DEBIT, START.minusSeconds(1),
                START.plusSeconds(3));
        assertThat(debits).containsExactly(
                new ComplianceMovement("a", MovementDirection.DEBIT, "t-1", 5L, "EUR", START),
                new ComplianceMovement("a", MovementDirection.DEBIT, "t-2", 6L, "EUR", START.plusSeconds(1)));
        assertThat(debits.get(1).accountId()).isSameAs(debits.get(0).accountId());
        assertThat(debits.get(1).currency()).isSameAs(debits.get(0).currency());
        assertThat(store.movements("a", MovementDirection.INSUFFICIENT_FUNDS, START, START.plusSeconds(3)))
                .containsExactly(new ComplianceMovement("a", MovementDirection.INSUFFICIENT_FUNDS, "r-1", null, null,
                        START.plusSeconds(2)));
    }
}
