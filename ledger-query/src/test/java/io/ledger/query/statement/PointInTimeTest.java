package io.ledger.query.statement;

import io.ledger.core.statement.EntryType;
import io.ledger.core.statement.StatementEntry;
import io.ledger.query.statement.RandomLedger.Recorded;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Point-in-time balances over seeded random histories: for many instants, the store's answer must equal the
 * balances the test computes itself from the events recorded at or before that instant. The instants include
 * ones before anything happened, exactly at events, a nanosecond either side of them, between events, after the
 * last, and wall-clock readings given at the offsets +14:00 and -12:00.
 */
class PointInTimeTest {

    private static final int SEEDS = 20;
    private static final int MOVEMENTS = 300;
    private static final ZoneOffset KIRITIMATI = ZoneOffset.ofHours(14);
    private static final ZoneOffset BAKER_ISLAND = ZoneOffset.ofHours(-12);

    /** An account's balances right after one entry, in a form both the store and the test can give. */
    record Balances(String accountId, long entrySeq, Instant recordedAt, EntryType type, long amountMinor,
                    String currency, long postedMinor, long pendingDebitsMinor, long pendingCreditsMinor) {

        static Balances of(StatementEntry entry) {
            return new Balances(entry.accountId(), entry.entrySeq(), entry.recordedAt(), entry.type(),
                    entry.amountMinor(), entry.currency(), entry.postedAfterMinor(),
                    entry.pendingDebitsAfterMinor(), entry.pendingCreditsAfterMinor());
        }
    }

    static Stream<Arguments> storesAndSeeds() {
        return StatementStores.both().flatMap(store -> LongStream.range(0, SEEDS)
                .mapToObj(seed -> arguments(store.get()[0], seed)));
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("storesAndSeeds")
    void givesTheBalancesComputedFromEveryEventAtOrBeforeTheInstant(Supplier<StatementStore> stores, long seed) {
        StatementStore store = stores.get();
        RandomLedger ledger = RandomLedger.feed(seed, store, MOVEMENTS);
        List<Recorded> recorded = ledger.recorded();

        for (Instant at : instantsToAsk(recorded, new Random(seed))) {
            for (String accountId : ledger.currencyByAccount().keySet()) {
                assertThat(store.at(accountId, at).map(Balances::of))
                        .as("balances of %s at %s (seed %d)", accountId, at, seed)
                        .isEqualTo(expectedAt(recorded, accountId, at));
            }
        }
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("storesAndSeeds")
    void givesNothingBeforeAnAccountWasOpened(Supplier<StatementStore> stores, long seed) {
        StatementStore store = stores.get();
        RandomLedger ledger = RandomLedger.feed(seed, store, MOVEMENTS);

        for (Recorded opening : openings(ledger.recorded())) {
            assertThat(store.at(opening.accountId(), opening.recordedAt().minusNanos(1)))
                    .as("%s a nanosecond before it was opened (seed %d)", opening.accountId(), seed).isEmpty();
            assertThat(store.at(opening.accountId(), opening.recordedAt()))
                    .as("%s as it was opened (seed %d)", opening.accountId(), seed).isPresent();
        }
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("storesAndSeeds")
    void givesTheLastOfSeveralEntriesRecordedInTheSameMillisecond(Supplier<StatementStore> stores, long seed) {
        StatementStore store = stores.get();
        RandomLedger ledger = RandomLedger.feed(seed, store, MOVEMENTS);
        List<Recorded> recorded = ledger.recorded();
        List<Recorded> sharingAMillisecond = lastOfEachSharedMillisecond(recorded);

        assertThat(sharingAMillisecond).as("entries sharing a millisecond with the one before (seed %d)", seed)
                .isNotEmpty();
        for (Recorded last : sharingAMillisecond) {
            assertThat(store.at(last.accountId(), last.recordedAt()))
                    .as("%s at %s (seed %d)", last.accountId(), last.recordedAt(), seed)
                    .get().extracting(StatementEntry::entrySeq).isEqualTo(last.entrySeq());
        }
    }

    /**
     * The same wall-clock reading at +14:00 and at -12:00 names instants 26 hours apart; a store that lost the
     * offset somewhere would give the same balances for both.
     */
    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("storesAndSeeds")
    void readsInstantsGivenAtFarOffsetsAsTheInstantsTheyName(Supplier<StatementStore> stores, long seed) {
        StatementStore store = stores.get();
        RandomLedger ledger = RandomLedger.feed(seed, store, MOVEMENTS);
        List<Recorded> recorded = ledger.recorded();
        Random random = new Random(seed);

        for (int i = 0; i < 30; i++) {
            Recorded event = recorded.get(random.nextInt(recorded.size()));
            LocalDateTime wallClock = LocalDateTime.ofInstant(event.recordedAt(), ZoneOffset.UTC);
            for (ZoneOffset offset : List.of(KIRITIMATI, BAKER_ISLAND)) {
                Instant at = OffsetDateTime.parse(wallClock.atOffset(offset).toString()).toInstant();
                assertThat(at).isEqualTo(event.recordedAt().minusSeconds(offset.getTotalSeconds()));
                assertThat(store.at(event.accountId(), at).map(Balances::of))
                        .as("balances of %s at %s given as %s%s (seed %d)", event.accountId(), at, wallClock,
                                offset, seed)
                        .isEqualTo(expectedAt(recorded, event.accountId(), at));
            }
        }
    }

    /** Computed without the store: the account's events at or before {@code at}, summed. */
    static Optional<Balances> expectedAt(List<Recorded> recorded, String accountId, Instant at) {
        Recorded last = null;
        long postedMinor = 0;
        long pendingDebitsMinor = 0;
        long pendingCreditsMinor = 0;
        for (Recorded event : recorded) {
            if (!event.accountId().equals(accountId) || event.recordedAt().isAfter(at)) {
                continue;
            }
            last = event;
            switch (event.type()) {
                case OPENED -> { }
                case DEBIT -> postedMinor -= event.amountMinor();
                case CREDIT -> postedMinor += event.amountMinor();
                case PENDING_DEBIT -> pendingDebitsMinor += event.amountMinor();
                case PENDING_DEBIT_RELEASED -> pendingDebitsMinor -= event.amountMinor();
                case PENDING_CREDIT -> pendingCreditsMinor += event.amountMinor();
                case PENDING_CREDIT_RELEASED -> pendingCreditsMinor -= event.amountMinor();
            }
        }
        if (last == null) {
            return Optional.empty();
        }
        return Optional.of(new Balances(accountId, last.entrySeq(), last.recordedAt(), last.type(),
                last.amountMinor(), last.currency(), postedMinor, pendingDebitsMinor, pendingCreditsMinor));
    }

    /**
     * Before the first event, after the last, exactly at events, a nanosecond either side of them, a random
     * fraction of a millisecond after them, halfway between distinct instants, and the offsets' readings.
     */
    static List<Instant> instantsToAsk(List<Recorded> recorded, Random random) {
        TreeSet<Instant> stamps = new TreeSet<>(recorded.stream().map(Recorded::recordedAt).toList());
        List<Instant> instants = new ArrayList<>(List.of(
                stamps.first().minus(Duration.ofDays(1)), stamps.first().minusMillis(1), stamps.first().minusNanos(1),
                stamps.last().plusNanos(1), stamps.last().plusMillis(1), stamps.last().plus(Duration.ofDays(1))));
        List<Instant> distinct = new ArrayList<>(stamps);
        for (int i = 0; i < 40; i++) {
            Instant stamp = distinct.get(random.nextInt(distinct.size()));
            instants.add(stamp);
            instants.add(stamp.minusNanos(1));
            instants.add(stamp.plusNanos(1));
            instants.add(stamp.plusNanos(1 + random.nextInt(999_999)));
            Instant next = stamps.higher(stamp);
            if (next != null) {
                instants.add(stamp.plus(Duration.between(stamp, next).dividedBy(2)));
            }
            LocalDateTime wallClock = LocalDateTime.ofInstant(stamp, ZoneOffset.UTC);
            instants.add(wallClock.atOffset(KIRITIMATI).toInstant());
            instants.add(wallClock.atOffset(BAKER_ISLAND).toInstant());
        }
        return instants;
    }

    private static List<Recorded> openings(List<Recorded> recorded) {
        return recorded.stream().filter(event -> event.type() == EntryType.OPENED).toList();
    }

    /** Each account event that shares its millisecond with the account's event before it, and is the last to. */
    private static List<Recorded> lastOfEachSharedMillisecond(List<Recorded> recorded) {
        List<Recorded> found = new ArrayList<>();
        for (int i = 0; i < recorded.size(); i++) {
            Recorded event = recorded.get(i);
            Optional<Recorded> before = recorded.subList(0, i).stream()
                    .filter(other -> other.accountId().equals(event.accountId())).reduce((first, second) -> second);
            boolean sharesWithBefore = before.isPresent() && before.get().recordedAt().equals(event.recordedAt());
            boolean lastOfIt = recorded.subList(i + 1, recorded.size()).stream()
                    .noneMatch(other -> other.accountId().equals(event.accountId())
                            && other.recordedAt().equals(event.recordedAt()));
            if (sharesWithBefore && lastOfIt) {
                found.add(event);
            }
        }
        return found;
    }
}
