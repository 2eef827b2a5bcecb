package io.ledger.query.balance;

import io.ledger.core.account.AccountOpenedEvent;
import io.ledger.core.transfer.TransferPostedEvent;
import io.ledger.query.ProjectionProgress;
import io.ledger.query.balance.LedgerInvariantsTest.LedgerModel;
import io.ledger.query.balance.LedgerInvariantsTest.Step;
import io.ledger.query.rebuild.BufferedRebuildBalanceStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store a rebuild writes through keeps balances and open holds in memory and writes a chunk of events at a
 * time. Fed the same events as the in-memory store, in chunks of several sizes (so that holds are resolved and
 * transfers reversed chunks after they were recorded), its tables must end with exactly the in-memory rows.
 */
class BufferedRebuildBalanceStoreTest {

    private static final int EVENTS = 400;
    private static final Instant AT = Instant.parse("2026-11-24T12:00:00Z");

    private final ProjectionProgress progress = new ProjectionProgress();

    @ParameterizedTest(name = "seed {0}, chunks of {1}")
    @CsvSource({"1, 1", "2, 7", "3, 50", "20240310, 13", "7777777, 1000"})
    void writesTheRowsTheInMemoryStoreHoldsWhateverTheChunkSize(long seed, int eventsPerChunk) {
        LedgerModel model = new LedgerModel(new Random(seed));
        InMemoryBalanceStore expected = new InMemoryBalanceStore();
        JdbcBalanceStore tables = H2ReadModel.freshStore();
        BufferedRebuildBalanceStore buffered = new BufferedRebuildBalanceStore(tables);
        AccountBalanceProjection expectedProjection = new AccountBalanceProjection(expected, progress);
        AccountBalanceProjection bufferedProjection = new AccountBalanceProjection(buffered, progress);
        int applied = 0;
        int refused = 0;

        for (int i = 0; i < EVENTS; i++) {
            Step step = model.next();
            if (step.refused()) {
                // A transfer recorded again after its chunk was written is caught when the chunk is written; that
                // case has its own test below.
                if (!step.description().startsWith("transfer again")) {
                    assertThatThrownBy(() -> step.event().accept(bufferedProjection)).as(step.description())
                            .isInstanceOf(IllegalStateException.class);
                    refused++;
                }
                continue;
            }
            step.event().accept(expectedProjection);
            step.event().accept(bufferedProjection);
            if (++applied % eventsPerChunk == 0) {
                buffered.flush();
            }
        }
        buffered.flush();

        assertThat(tables.allAccounts()).isEqualTo(expected.allAccounts()).isEqualTo(model.expectedAccounts());
        assertThat(BalanceRows.of(tables, model.transferIds()))
                .isEqualTo(BalanceRows.of(expected, model.transferIds()));
        assertThat(model.holdsResolved()).as("the sequence resolved holds").isPositive();
        assertThat(refused).as("the sequence exercised refusals").isPositive();
    }

    @Test
    void aTransferRecordedAgainAfterItsChunkWasWrittenFailsTheNextWriteBeforeAnyRowAndEndsTheStore() {
        JdbcBalanceStore tables = H2ReadModel.freshStore();
        BufferedRebuildBalanceStore buffered = new BufferedRebuildBalanceStore(tables);
        AccountBalanceProjection projection = new AccountBalanceProjection(buffered, progress);
        projection.on(new AccountOpenedEvent("acc-1", "EUR", "one", 0, true), AT);
        projection.on(new AccountOpenedEvent("acc-2", "EUR", "two", 0, true), AT);
        projection.on(new TransferPostedEvent("tr-1", "acc-1", "acc-2", 500, "EUR", Map.of()), AT);
        buffered.flush();

        projection.on(new TransferPostedEvent("tr-1", "acc-1", "acc-2", 500, "EUR", Map.of()), AT);

        assertThatThrownBy(buffered::flush).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Transfer tr-1 projected twice");
        assertThat(tables.findAccount("acc-2")).get().extracting(a -> a.postedMinor()).isEqualTo(500L);
        assertThatThrownBy(() -> projection.on(new AccountOpenedEvent("acc-3", "EUR", "three", 0, true), AT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("start the rebuild again");
    }

    @Test
    void aTransferRecordedTwiceWithinAChunkIsRefusedAtOnce() {
        BufferedRebuildBalanceStore buffered = new BufferedRebuildBalanceStore(H2ReadModel.freshStore());
        AccountBalanceProjection projection = new AccountBalanceProjection(buffered, progress);
        projection.on(new AccountOpenedEvent("acc-1", "EUR", "one", 0, true), AT);
        projection.on(new AccountOpenedEvent("acc-2", "EUR", "two", 0, true), AT);
        projection.on(new TransferPostedEvent("tr-1", "acc-1", "acc-2", 500, "EUR", Map.of()), AT);

        assertThatThrownBy(() -> projection.on(
                new TransferPostedEvent("tr-1", "acc-1", "acc-2", 500, "EUR", Map.of()), AT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("projected twice");
        assertThat(buffered.findAccount("acc-2")).get().extracting(a -> a.postedMinor()).isEqualTo(500L);
    }
}
