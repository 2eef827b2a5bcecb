package io.ledger.query.statement;

import io.ledger.core.statement.FindStatementQuery;
import io.ledger.core.statement.StatementEntry;
import io.ledger.core.statement.StatementPage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paging through a statement: entries come in the account's own order, after the cursor, at most {@code limit} of
 * them, and only those recorded from {@code from} to {@code to}, both inclusive. Alice's statement has 14 entries
 * (more than ten, so that an order by text instead of by number would show); entries 3 and 4 share one millisecond.
 */
class StatementPagingTest {

    private static final String ALICE = "acc-alice";
    private static final String BOB = "acc-bob";
    private static final Instant OPENED_AT = Instant.parse("2024-05-01T10:00:00.000Z");
    private static final int MOVEMENTS = 13;
    private static final int ENTRIES = MOVEMENTS + 1;
    private static final Duration NANO = Duration.ofNanos(1);
    private static final Duration MILLI = Duration.ofMillis(1);

    /** When Alice's entry {@code entrySeq} was recorded: a minute apart, except that 4 shares 3's millisecond. */
    private static Instant recordedAt(long entrySeq) {
        return OPENED_AT.plus(Duration.ofMinutes(entrySeq == 4 ? 3 : entrySeq));
    }

    private static StatementStore aliceWithFourteenEntries(Supplier<StatementStore> stores) {
        StatementStore store = stores.get();
        StatementFeed feed = new StatementFeed(store);
        feed.open(BOB, "EUR", OPENED_AT.minusSeconds(1));
        feed.open(ALICE, "EUR", recordedAt(0));
        for (int seq = 1; seq <= MOVEMENTS; seq++) {
            String transferId = "tr-" + seq;
            if (seq % 2 == 0) {
                feed.transfer(transferId, ALICE, BOB, 100L * seq, "EUR", Map.of(), recordedAt(seq));
            } else {
                feed.transfer(transferId, BOB, ALICE, 100L * seq, "EUR", Map.of(), recordedAt(seq));
            }
        }
        return store;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.statement.StatementStores#both")
    void returnsTheWholeStatementInEntryOrderWhenItFitsOnePage(Supplier<StatementStore> stores) {
        StatementStore store = aliceWithFourteenEntries(stores);

        StatementPage page = store.page(new FindStatementQuery(ALICE, null, null, -1, 100));

        assertThat(page.entries()).extracting(StatementEntry::entrySeq).containsExactlyElementsOf(seqs(0, 13));
        assertThat(page.entries()).extracting(StatementEntry::accountId).containsOnly(ALICE);
        assertThat(page.hasMore()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.statement.StatementStores#both")
    void walksTheWholeStatementPageByPageWithTheCursor(Supplier<StatementStore> stores) {
        StatementStore store = aliceWithFourteenEntries(stores);
        List<StatementEntry> whole = store.page(new FindStatementQuery(ALICE, null, null, -1, 100)).entries();

        List<StatementPage> pages = walk(store, null, null, 4);

        assertThat(pages).extracting(page -> page.entries().size()).containsExactly(4, 4, 4, 2);
        assertThat(pages).extracting(StatementPage::hasMore).containsExactly(true, true, true, false);
        assertThat(pages.stream().flatMap(page -> page.entries().stream()).toList()).isEqualTo(whole);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.statement.StatementStores#both")
    void saysThereIsNoMoreWhenTheLastPageIsExactlyFull(Supplier<StatementStore> stores) {
        StatementStore store = aliceWithFourteenEntries(stores);

        List<StatementPage> pages = walk(store, null, null, ENTRIES / 2);

        assertThat(pages).extracting(page -> page.entries().size()).containsExactly(7, 7);
        assertThat(pages).extracting(StatementPage::hasMore).containsExactly(true, false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.statement.StatementStores#both")
    void startsRightAfterTheCursorEntry(Supplier<StatementStore> stores) {
        StatementStore store = aliceWithFourteenEntries(stores);

        StatementPage page = store.page(new FindStatementQuery(ALICE, null, null, 5, 3));

        assertThat(page.entries()).extracting(StatementEntry::entrySeq).containsExactly(6L, 7L, 8L);
        assertThat(page.hasMore()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.statement.StatementStores#both")
    void returnsAnEmptyLastPageWhenTheCursorIsTheLastEntry(Supplier<StatementStore> stores) {
        StatementStore store = aliceWithFourteenEntries(stores);

        StatementPage page = store.page(new FindStatementQuery(ALICE, null, null, 13, 3));

        assertThat(page.entries()).isEmpty();
        assertThat(page.hasMore()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.statement.StatementStores#both")
    void includesTheEntriesRecordedExactlyAtFromAndExactlyAtTo(Supplier<StatementStore> stores) {
        StatementStore store = aliceWithFourteenEntries(stores);

        StatementPage page = store.page(new FindStatementQuery(ALICE, recordedAt(2), recordedAt(9), -1, 100));

        assertThat(page.entries()).extracting(StatementEntry::entrySeq).containsExactlyElementsOf(seqs(2, 9));
        assertThat(page.hasMore()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.statement.StatementStores#both")
    void includesEveryEntryOfTheMillisecondAtFromAndAtTo(Supplier<StatementStore> stores) {
        StatementStore store = aliceWithFourteenEntries(stores);

        StatementPage startingThere = store.page(new FindStatementQuery(ALICE, recordedAt(3), null, -1, 100));
        StatementPage endingThere = store.page(new FindStatementQuery(ALICE, null, recordedAt(3), -1, 100));
        StatementPage onlyThere = store.page(new FindStatementQuery(ALICE, recordedAt(3), recordedAt(3), -1, 100));

        assertThat(startingThere.entries()).extracting(StatementEntry::entrySeq).containsExactlyElementsOf(seqs(3, 13));
        assertThat(endingThere.entries()).extracting(StatementEntry::entrySeq).containsExactlyElementsOf(seqs(0, 4));
        assertThat(onlyThere.entries()).extracting(StatementEntry::entrySeq).containsExactly(3L, 4L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.statement.StatementStores#both")
    void excludesEntriesAMillisecondOutsideTheWindow(Supplier<StatementStore> stores) {
        StatementStore store = aliceWithFourteenEntries(stores);

        StatementPage page = store.page(new FindStatementQuery(ALICE, recordedAt(2).plus(MILLI),
                recordedAt(9).minus(MILLI), -1, 100));

        assertThat(page.entries()).extracting(StatementEntry::entrySeq).containsExactlyElementsOf(seqs(3, 8));
    }

    /** Instants in queries may be finer than the millisecond entries are recorded with: clients send nanoseconds. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.statement.StatementStores#both")
    void excludesEntriesANanosecondOutsideTheWindow(Supplier<StatementStore> stores) {
        StatementStore store = aliceWithFourteenEntries(stores);

        StatementPage page = store.page(new FindStatementQuery(ALICE, recordedAt(2).plus(NANO),
                recordedAt(9).minus(NANO), -1, 100));

        assertThat(page.entries()).extracting(StatementEntry::entrySeq).containsExactlyElementsOf(seqs(3, 8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.statement.StatementStores#both")
    void pagesThroughAWindowWithTheCursor(Supplier<StatementStore> stores) {
        StatementStore store = aliceWithFourteenEntries(stores);

        List<StatementPage> pages = walk(store, recordedAt(2), recordedAt(10), 3);

        assertThat(pages).extracting(page -> page.entries().size()).containsExactly(3, 3, 3);
        assertThat(pages).extracting(StatementPage::hasMore).containsExactly(true, true, false);
        assertThat(pages.stream().flatMap(page -> page.entries().stream()).map(StatementEntry::entrySeq).toList())
                .containsExactlyElementsOf(seqs(2, 10));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.statement.StatementStores#both")
    void saysThereIsNoMoreWhenTheOnlyLaterEntriesLieAfterTo(Supplier<StatementStore> stores) {
        StatementStore store = aliceWithFourteenEntries(stores);

        StatementPage page = store.page(new FindStatementQuery(ALICE, null, recordedAt(2), -1, 3));

        assertThat(page.entries()).extracting(StatementEntry::entrySeq).containsExactly(0L, 1L, 2L);
        assertThat(page.hasMore()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.statement.StatementStores#both")
    void returnsNothingForAWindowWithoutEntries(Supplier<StatementStore> stores) {
        StatementStore store = aliceWithFourteenEntries(stores);

        StatementPage between = store.page(new FindStatementQuery(ALICE, recordedAt(5).plus(MILLI),
                recordedAt(6).minus(MILLI), -1, 10));
        StatementPage reversed = store.page(new FindStatementQuery(ALICE, recordedAt(9), recordedAt(2), -1, 10));
        StatementPage beforeOpening = store.page(new FindStatementQuery(ALICE, null, recordedAt(0).minus(MILLI),
                -1, 10));

        assertThat(between.entries()).isEmpty();
        assertThat(between.hasMore()).isFalse();
        assertThat(reversed.entries()).isEmpty();
        assertThat(reversed.hasMore()).isFalse();
        assertThat(beforeOpening.entries()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.statement.StatementStores#both")
    void returnsAnEmptyStatementForAnAccountWithoutEntries(Supplier<StatementStore> stores) {
        StatementStore store = aliceWithFourteenEntries(stores);

        StatementPage page = store.page(new FindStatementQuery("acc-unknown", null, null, -1, 10));

        assertThat(page.entries()).isEmpty();
        assertThat(page.hasMore()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.statement.StatementStores#both")
    void showsOnlyTheEntriesOfTheAccountAskedFor(Supplier<StatementStore> stores) {
        StatementStore store = aliceWithFourteenEntries(stores);

        StatementPage page = store.page(new FindStatementQuery(BOB, null, null, -1, 100));

        assertThat(page.entries()).extracting(StatementEntry::accountId).containsOnly(BOB);
        assertThat(page.entries()).extracting(StatementEntry::entrySeq).containsExactlyElementsOf(seqs(0, 13));
    }

    /** Every page from the start, each asked for with the previous page's last entry as the cursor. */
    private static List<StatementPage> walk(StatementStore store, Instant from, Instant to, int limit) {
        List<StatementPage> pages = new ArrayList<>();
        long cursor = -1;
        StatementPage page;
        do {
            page = store.page(new FindStatementQuery(ALICE, from, to, cursor, limit));
            pages.add(page);
            if (!page.entries().isEmpty()) {
                cursor = page.entries().get(page.entries().size() - 1).entrySeq();
            }
        } while (page.hasMore() && pages.size() <= ENTRIES);
        return pages;
    }

    private static List<Long> seqs(long first, long last) {
        return LongStream.rangeClosed(first, last).boxed().toList();
    }
}
