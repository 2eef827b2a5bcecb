package io.ledger.query.statement;

import io.ledger.core.statement.EntryType;
import io.ledger.core.statement.StatementEntry;
import io.ledger.core.statement.TrialBalanceLine;
import io.ledger.query.statement.RandomLedger.Recorded;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The trial balance over seeded random histories in two currencies: at every instant asked, per currency, debits
 * equal credits and equal the sums the test computes itself, the posted balances sum to zero, and every account
 * opened by then is counted. A store holding a one-sided entry must show it as unbalanced.
 */
class TrialBalanceTest {

    private static final int SEEDS = 10;
    private static final int MOVEMENTS = 300;

    static Stream<Arguments> storesAndSeeds() {
        return StatementStores.both().flatMap(store -> LongStream.range(0, SEEDS)
                .mapToObj(seed -> arguments(store.get()[0], seed)));
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("storesAndSeeds")
    void balancesEachCurrencyWithTheTotalsOfEveryEntryAtOrBeforeTheInstant(Supplier<StatementStore> stores,
                                                                           long seed) {
        StatementStore store = stores.get();
        List<Recorded> recorded = RandomLedger.feed(seed, store, MOVEMENTS).recorded();

        for (Instant at : instantsToAsk(recorded, new Random(seed))) {
            List<TrialBalanceLine> lines = store.trialBalance(at);

            assertThat(lines).as("trial balance at %s (seed %d)", at, seed).isEqualTo(expectedAt(recorded, at));
            assertThat(lines).as("trial balance at %s (seed %d)", at, seed).allSatisfy(line -> {
                assertThat(line.totalDebitsMinor()).isEqualTo(line.totalCreditsMinor());
                assertThat(line.balanceSumMinor()).isZero();
                assertThat(line.balanced()).isTrue();
            });
        }
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("storesAndSeeds")
    void showsBothCurrenciesOnceMoneyMovedInEach(Supplier<StatementStore> stores, long seed) {
        StatementStore store = stores.get();
        List<Recorded> recorded = RandomLedger.feed(seed, store, MOVEMENTS).recorded();
        Instant afterAll = last(recorded).plusSeconds(1);

        List<TrialBalanceLine> lines = store.trialBalance(afterAll);

        assertThat(lines).extracting(TrialBalanceLine::currency).containsExactly("EUR", "USD");
        assertThat(lines).allSatisfy(line -> assertThat(line.totalDebitsMinor()).isPositive());
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("storesAndSeeds")
    void isEmptyBeforeTheFirstAccountWasOpened(Supplier<StatementStore> stores, long seed) {
        StatementStore store = stores.get();
        List<Recorded> recorded = RandomLedger.feed(seed, store, MOVEMENTS).recorded();
        Instant first = recorded.stream().map(Recorded::recordedAt).min(Instant::compareTo).orElseThrow();

        assertThat(store.trialBalance(first.minusNanos(1))).isEmpty();
        assertThat(store.trialBalance(first)).isNotEmpty();
    }

    /** The check must be able to fail: a debit written without its credit leaves its currency unbalanced. */
    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("storesAndSeeds")
    void showsACurrencyWithAOneSidedEntryAsUnbalanced(Supplier<StatementStore> stores, long seed) {
        StatementStore store = stores.get();
        List<Recorded> recorded = RandomLedger.feed(seed, store, MOVEMENTS).recorded();
        Instant before = last(recorded);
        Instant oneSidedAt = before.plusMillis(1);
        String accountId = recorded.stream().filter(event -> event.currency().equals("EUR")).findFirst()
                .orElseThrow().accountId();
        StatementEntry latest = store.latest(accountId).orElseThrow();

        store.append(new StatementEntry(accountId, latest.entrySeq() + 1, 1_000_000, oneSidedAt, EntryType.DEBIT,
                "tr-one-sided", null, 1_234, "EUR", Map.of(), latest.postedAfterMinor() - 1_234,
                latest.pendingDebitsAfterMinor(), latest.pendingCreditsAfterMinor()));

        Map<String, TrialBalanceLine> after = byCurrency(store.trialBalance(oneSidedAt));
        assertThat(after.get("EUR").balanced()).isFalse();
        assertThat(after.get("EUR").totalDebitsMinor() - after.get("EUR").totalCreditsMinor()).isEqualTo(1_234);
        assertThat(after.get("EUR").balanceSumMinor()).isEqualTo(-1_234);
        assertThat(after.get("USD").balanced()).isTrue();
        assertThat(store.trialBalance(before)).allSatisfy(line -> assertThat(line.balanced()).isTrue());
    }

    /** Computed without the store, from the recorded events at or before {@code at}, per currency. */
    static List<TrialBalanceLine> expectedAt(List<Recorded> recorded, Instant at) {
        Map<String, long[]> byCurrency = new TreeMap<>();
        for (Recorded event : recorded) {
            if (event.recordedAt().isAfter(at)) {
                continue;
            }
            long[] sums = byCurrency.computeIfAbsent(event.currency(), currency -> new long[4]);
            switch (event.type()) {
                case OPENED -> sums[3]++;
                case DEBIT -> {
                    sums[0] += event.amountMinor();
                    sums[2] -= event.amountMinor();
                }
                case CREDIT -> {
                    sums[1] += event.amountMinor();
                    sums[2] += event.amountMinor();
                }
                default -> { }
            }
        }
        List<TrialBalanceLine> lines = new ArrayList<>();
        byCurrency.forEach((currency, sums) ->
                lines.add(new TrialBalanceLine(currency, sums[0], sums[1], sums[2], sums[3])));
        return lines;
    }

    /** Before the first event, after the last, exactly at events, a nanosecond either side, and between. */
    private static List<Instant> instantsToAsk(List<Recorded> recorded, Random random) {
        TreeSet<Instant> stamps = new TreeSet<>(recorded.stream().map(Recorded::recordedAt).toList());
        List<Instant> instants = new ArrayList<>(List.of(stamps.first().minusMillis(1), stamps.first(),
                stamps.last(), stamps.last().plusSeconds(60)));
        List<Instant> distinct = new ArrayList<>(stamps);
        for (int i = 0; i < 25; i++) {
            Instant stamp = distinct.get(random.nextInt(distinct.size()));
            instants.add(stamp);
            instants.add(stamp.minusNanos(1));
            instants.add(stamp.plusNanos(1 + random.nextInt(999_999)));
        }
        return instants;
    }

    private static Instant last(List<Recorded> recorded) {
        return recorded.stream().map(Recorded::recordedAt).max(Instant::compareTo).orElseThrow();
    }

    private static Map<String, TrialBalanceLine> byCurrency(List<TrialBalanceLine> lines) {
        Map<String, TrialBalanceLine> byCurrency = new TreeMap<>();
        lines.forEach(line -> byCurrency.put(line.currency(), line));
        return byCurrency;
    }
}
