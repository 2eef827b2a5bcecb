package io.ledger.query.statement;

import io.ledger.core.Metadata;
import io.ledger.core.account.AccountCreditedEvent;
import io.ledger.core.account.AccountDebitedEvent;
import io.ledger.core.account.AccountHoldReleasedEvent;
import io.ledger.core.account.AccountHoldReservedEvent;
import io.ledger.core.account.LegSide;
import io.ledger.core.statement.EntryType;
import io.ledger.core.statement.FindStatementQuery;
import io.ledger.core.statement.StatementEntry;
import io.ledger.core.transfer.ReversalPostedEvent;
import io.ledger.core.transfer.TransferPostedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import static io.ledger.query.statement.RecordedStatements.ALICE;
import static io.ledger.query.statement.RecordedStatements.ALICE_PAYS_INVOICE;
import static io.ledger.query.statement.RecordedStatements.BOB;
import static io.ledger.query.statement.RecordedStatements.EXPECTED_ALICE;
import static io.ledger.query.statement.RecordedStatements.EXPECTED_BOB;
import static io.ledger.query.statement.RecordedStatements.INVOICE;
import static io.ledger.query.statement.RecordedStatements.INVOICE_POSTED_AT;
import static io.ledger.query.statement.RecordedStatements.REFUND_POSTED_AT;
import static io.ledger.query.statement.RecordedStatements.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The statement projection, fed events directly as Axon's processor would, over each {@link StatementStore}: the
 * audit tool replays into memory what the service projects into its database, so both must hold the same rows.
 */
class StatementProjectionTest {

    private static final String NOBODY = "acc-never-opened";
    private static final Instant LATER = Instant.parse("2024-04-01T00:00:00.000Z");

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.statement.StatementStores#both")
    void projectsTheRecordedSequenceIntoExactlyTheseEntries(Supplier<StatementStore> stores) {
        StatementStore store = stores.get();

        RecordedStatements.replayInto(new StatementProjection(store));

        assertThat(statementOf(store, ALICE)).containsExactlyElementsOf(EXPECTED_ALICE);
        assertThat(statementOf(store, BOB)).containsExactlyElementsOf(EXPECTED_BOB);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.statement.StatementStores#both")
    void keepsTheLatestEntryOfEachAccountAsItsCurrentBalances(Supplier<StatementStore> stores) {
        StatementStore store = stores.get();

        RecordedStatements.replayInto(new StatementProjection(store));

        assertThat(store.latest(ALICE)).contains(EXPECTED_ALICE.get(EXPECTED_ALICE.size() - 1));
        assertThat(store.latest(BOB)).contains(EXPECTED_BOB.get(EXPECTED_BOB.size() - 1));
        assertThat(store.latest(NOBODY)).isEmpty();
    }

    @Test
    void bothStoresBuildIdenticalRowsFromTheSameEvents() {
        StatementStore inMemory = StatementStores.inMemory().get();
        StatementStore jdbc = StatementStores.jdbc().get();

        RecordedStatements.replayInto(new StatementProjection(inMemory));
        RecordedStatements.replayInto(new StatementProjection(jdbc));

        assertThat(statementOf(jdbc, ALICE)).isEqualTo(statementOf(inMemory, ALICE));
        assertThat(statementOf(jdbc, BOB)).isEqualTo(statementOf(inMemory, BOB));
        assertThat(jdbc.trialBalance(LATER)).isEqualTo(inMemory.trialBalance(LATER));
        assertThat(jdbc.at(ALICE, INVOICE_POSTED_AT)).isEqualTo(inMemory.at(ALICE, INVOICE_POSTED_AT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.statement.StatementStores#both")
    void refusesToAppendTheSameEntryTwice(Supplier<StatementStore> stores) {
        StatementStore store = stores.get();
        RecordedStatements.replayInto(new StatementProjection(store));

        assertThatThrownBy(() -> store.append(EXPECTED_ALICE.get(1))).isInstanceOf(IllegalStateException.class);

        assertThat(statementOf(store, ALICE)).containsExactlyElementsOf(EXPECTED_ALICE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.statement.StatementStores#both")
    void refusesADifferentEntryInAPlaceTheAccountsStatementAlreadyHolds(Supplier<StatementStore> stores) {
        StatementStore store = stores.get();
        RecordedStatements.replayInto(new StatementProjection(store));
        StatementEntry impostor = new StatementEntry(ALICE, 1, 99, LATER, EntryType.CREDIT, "tr-impostor", BOB,
                1, "EUR", Map.of(), -9_999, 0, 0);

        assertThatThrownBy(() -> store.append(impostor)).isInstanceOf(IllegalStateException.class);

        assertThat(statementOf(store, ALICE)).containsExactlyElementsOf(EXPECTED_ALICE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.statement.StatementStores#both")
    void refusesToProjectTheSameLegTwice(Supplier<StatementStore> stores) {
        StatementStore store = stores.get();
        StatementProjection projection = new StatementProjection(store);
        RecordedStatements.replayInto(projection);

        assertThatThrownBy(() -> projection.on(ALICE_PAYS_INVOICE, 1L, INVOICE_POSTED_AT, at(3)))
                .isInstanceOf(IllegalStateException.class);

        assertThat(statementOf(store, ALICE)).containsExactlyElementsOf(EXPECTED_ALICE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.statement.StatementStores#both")
    void refusesEveryKindOfLegForAnAccountThatWasNeverOpened(Supplier<StatementStore> stores) {
        StatementStore store = stores.get();
        StatementProjection projection = new StatementProjection(store);
        RecordedStatements.replayInto(projection);

        assertThatThrownBy(() -> projection.on(new AccountDebitedEvent(NOBODY, "tr-x", BOB, 100, "EUR"), 1L,
                LATER, at(20))).isInstanceOf(IllegalStateException.class).hasMessageContaining(NOBODY);
        assertThatThrownBy(() -> projection.on(new AccountCreditedEvent(NOBODY, "tr-x", ALICE, 100, "EUR"), 1L,
                LATER, at(21))).isInstanceOf(IllegalStateException.class).hasMessageContaining(NOBODY);
        assertThatThrownBy(() -> projection.on(new AccountHoldReservedEvent(NOBODY, "tr-y", LegSide.DEBIT, BOB,
                100, "EUR"), 1L, LATER, at(22))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> projection.on(new AccountHoldReleasedEvent(NOBODY, "tr-y", LegSide.DEBIT, 100,
                "EUR"), 2L, LATER, at(23))).isInstanceOf(IllegalStateException.class);

        assertThat(statementOf(store, NOBODY)).isEmpty();
        assertThat(store.latest(NOBODY)).isEmpty();
        assertThat(statementOf(store, ALICE)).containsExactlyElementsOf(EXPECTED_ALICE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.statement.StatementStores#both")
    void resetClearsEveryEntryAndTheMetadataOfEveryTransfer(Supplier<StatementStore> stores) {
        StatementStore store = stores.get();
        StatementProjection projection = new StatementProjection(store);
        RecordedStatements.replayInto(projection);

        projection.onReset();

        assertThat(statementOf(store, ALICE)).isEmpty();
        assertThat(statementOf(store, BOB)).isEmpty();
        assertThat(store.latest(ALICE)).isEmpty();
        assertThat(store.at(BOB, LATER)).isEmpty();
        assertThat(store.metadataOf(INVOICE)).isEmpty();
        assertThat(store.trialBalance(LATER)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.statement.StatementStores#both")
    void replaysTheSameEntriesAfterAReset(Supplier<StatementStore> stores) {
        StatementStore store = stores.get();
        StatementProjection projection = new StatementProjection(store);
        RecordedStatements.replayInto(projection);

        projection.onReset();
        RecordedStatements.replayInto(projection);

        assertThat(statementOf(store, ALICE)).containsExactlyElementsOf(EXPECTED_ALICE);
        assertThat(statementOf(store, BOB)).containsExactlyElementsOf(EXPECTED_BOB);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.statement.StatementStores#both")
    void showsNoMetadataOnALegWhoseTransferRecordCarriedNone(Supplier<StatementStore> stores) {
        StatementStore store = stores.get();
        StatementFeed feed = new StatementFeed(store);
        feed.open(ALICE, "EUR", INVOICE_POSTED_AT);
        feed.open(BOB, "EUR", INVOICE_POSTED_AT);

        feed.transfer("tr-plain", ALICE, BOB, 700, "EUR", null, REFUND_POSTED_AT);

        assertThat(statementOf(store, ALICE)).extracting(StatementEntry::metadata).containsOnly(Map.of());
        assertThat(statementOf(store, BOB)).extracting(StatementEntry::metadata).containsOnly(Map.of());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.statement.StatementStores#both")
    void showsAReversalsOwnMetadataOnItsLegsAndNotTheOriginals(Supplier<StatementStore> stores) {
        StatementStore store = stores.get();
        StatementProjection projection = new StatementProjection(store);
        RecordedStatements.replayInto(projection);
        Map<String, String> reversalMetadata = Map.of("reason", "duplicate invoice");

        projection.on(new ReversalPostedEvent("tr-004-reversal", INVOICE, BOB, ALICE, 3_000, "EUR",
                reversalMetadata));
        projection.on(new AccountDebitedEvent(BOB, "tr-004-reversal", ALICE, 3_000, "EUR"), 6L, LATER, at(16));
        projection.on(new AccountCreditedEvent(ALICE, "tr-004-reversal", BOB, 3_000, "EUR"), 6L, LATER, at(17));

        assertThat(store.latest(BOB)).contains(new StatementEntry(BOB, 6, 16, LATER, EntryType.DEBIT,
                "tr-004-reversal", ALICE, 3_000, "EUR", reversalMetadata, 8_500, 0, 0));
        assertThat(store.latest(ALICE)).contains(new StatementEntry(ALICE, 6, 17, LATER, EntryType.CREDIT,
                "tr-004-reversal", BOB, 3_000, "EUR", reversalMetadata, -8_500, 0, 0));
    }

    /**
     * Metadata is bounded by {@link Metadata}: 16 entries, keys of 64 characters, values of 256 characters of any
     * kind. A transfer at those bounds is valid, so its legs must be shown with it, whichever characters the
     * values hold; quotes and backslashes take two characters each once written as JSON.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.statement.StatementStores#both")
    void showsTheLargestMetadataATransferMayCarry(Supplier<StatementStore> stores) {
        StatementStore store = stores.get();
        StatementProjection projection = new StatementProjection(store);
        Map<String, String> largest = largestValidMetadata();
        RecordedStatements.replayInto(projection);

        projection.on(new TransferPostedEvent("tr-004-large", ALICE, BOB, 100, "EUR", largest));
        projection.on(new AccountDebitedEvent(ALICE, "tr-004-large", BOB, 100, "EUR"), 6L, LATER, at(16));

        assertThat(store.latest(ALICE)).get().extracting(StatementEntry::metadata).isEqualTo(largest);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.statement.StatementStores#both")
    void storesAnEntryCarryingTheLargestMetadataATransferMayCarry(Supplier<StatementStore> stores) {
        StatementStore store = stores.get();
        RecordedStatements.replayInto(new StatementProjection(store));
        StatementEntry entry = new StatementEntry(ALICE, 6, 16, LATER, EntryType.DEBIT, "tr-004-large", BOB, 100,
                "EUR", largestValidMetadata(), -11_600, 0, 0);

        store.append(entry);

        assertThat(store.latest(ALICE)).contains(entry);
    }

    private static Map<String, String> largestValidMetadata() {
        Map<String, String> metadata = new TreeMap<>();
        for (int i = 0; i < Metadata.MAX_ENTRIES; i++) {
            String key = String.format("%02d", i) + "k".repeat(Metadata.MAX_KEY_LENGTH - 2);
            metadata.put(key, "\\\"".repeat(Metadata.MAX_VALUE_LENGTH / 2));
        }
        Metadata.requireValid(metadata);
        return metadata;
    }

    static List<StatementEntry> statementOf(StatementStore store, String accountId) {
        return store.page(new FindStatementQuery(accountId, null, null, -1, 10_000)).entries();
    }
}
