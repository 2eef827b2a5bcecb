package io.ledger.query.compliance;

import io.ledger.core.compliance.AlertType;
import io.ledger.core.compliance.ComplianceAlert;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDBC store answers all of a movement's rule questions in one SELECT; over random histories its answers must
 * be those of the in-memory store, which asks them one by one by scanning its movements and alerts.
 */
class TransferFactsTest {

    private static final Instant T0 = Instant.parse("2026-11-24T00:00:00Z");
    private static final List<String> ACCOUNTS = List.of("acct-a", "acct-b", "acct-c", "acct-d");
    private static final List<String> CURRENCIES = List.of("EUR", "JPY");

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void oneSelectAnswersAsTheQuestionsAskedOneByOne(long seed) {
        Random random = new Random(seed);
        ComplianceStore reference = new InMemoryComplianceStore();
        ComplianceStore jdbc = ComplianceStores.freshJdbc();
        record(random, 150, reference, jdbc);

        askTheSame(random, reference, jdbc);
    }

    /**
     * Under an event processor the batch's movements are still in memory when its rules ask: the answers must
     * count them with the stored ones.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void answersAlikeWhileSomeMovementsAreStillInTheProcessorsBatch(long seed) {
        Random random = new Random(seed);
        ComplianceStore reference = new InMemoryComplianceStore();
        ComplianceStore jdbc = ComplianceStores.freshJdbc();
        DefaultUnitOfWork.startAndGet(null).execute(() -> record(random, 75, reference, jdbc));
        UnitOfWork<?> openBatch = DefaultUnitOfWork.startAndGet(null);
        try {
            record(random, 75, reference, jdbc);

            askTheSame(random, reference, jdbc);
        } finally {
            openBatch.rollback();
        }
    }

    private static void record(Random random, int count, ComplianceStore... stores) {
        for (int i = 0; i < count; i++) {
            String n = Long.toHexString(random.nextLong());
            Instant at = T0.plusSeconds(random.nextInt(7_200));
            if (random.nextInt(10) == 0) {
                AlertType type = random.nextBoolean() ? AlertType.STRUCTURING : AlertType.VELOCITY;
                ComplianceAlert alert = ComplianceAlert.open(type + ":" + n, type, pick(random, ACCOUNTS), "t" + n,
                        1L, "EUR", at, "v1", "random");
                for (ComplianceStore store : stores) {
                    store.raise(alert);
                }
            } else {
                ComplianceMovement movement = new ComplianceMovement(pick(random, ACCOUNTS),
                        random.nextBoolean() ? MovementDirection.DEBIT : MovementDirection.CREDIT, "t" + n,
                        (long) random.nextInt(2_000), pick(random, CURRENCIES), at);
                for (ComplianceStore store : stores) {
                    store.recordMovement(movement);
                }
            }
        }
    }

    private static void askTheSame(Random random, ComplianceStore reference, ComplianceStore jdbc) {
        for (int n = 0; n < 60; n++) {
            Instant upTo = T0.plusSeconds(random.nextInt(8_000));
            TransferFacts.Question question = new TransferFacts.Question(pick(random, ACCOUNTS),
                    pick(random, ACCOUNTS), pick(random, CURRENCIES), random.nextInt(2_000),
                    upTo.minus(Duration.ofMinutes(random.nextInt(120))),
                    upTo.minus(Duration.ofMinutes(random.nextInt(120))), upTo, random.nextInt(4) > 0);
            MovementDirection direction = random.nextBoolean() ? MovementDirection.DEBIT : MovementDirection.CREDIT;
            Instant after = upTo.minus(Duration.ofMinutes(random.nextInt(120)));

            assertThat(jdbc.transferFacts(question)).as(question.toString())
                    .isEqualTo(reference.transferFacts(question));
            assertThat(jdbc.movements(question.debit(), direction, after, upTo))
                    .containsExactlyInAnyOrderElementsOf(reference.movements(question.debit(), direction, after, upTo));
            assertThat(jdbc.movementCount(question.credit(), direction, after, upTo))
                    .isEqualTo(reference.movementCount(question.credit(), direction, after, upTo));
        }
    }

    /**
     * A rule that raised within its window raises nothing more there, so its figures are not asked: for a hot
     * account they would be sums over every movement in the window, for every new movement.
     */
    @Test
    void theFiguresOfARuleThatAlreadyRaisedAreNotAsked() {
        for (ComplianceStore store : List.of(new InMemoryComplianceStore(), ComplianceStores.freshJdbc())) {
            for (int n = 0; n < 5; n++) {
                store.recordMovement(new ComplianceMovement("payer", MovementDirection.DEBIT, "t" + n, 100L, "EUR",
                        T0.plusSeconds(n)));
                store.recordMovement(new ComplianceMovement("hub", MovementDirection.CREDIT, "t" + n, 100L, "EUR",
                        T0.plusSeconds(n)));
            }
            TransferFacts.Question question = new TransferFacts.Question("payer", "hub", "EUR", 1_000,
                    T0.minusSeconds(60), T0.minusSeconds(60), T0.plusSeconds(10), true);
            TransferFacts beforeAlerts = store.transferFacts(question);
            assertThat(beforeAlerts.debitSmall()).isEqualTo(new MovementTotals(5, 500));
            assertThat(beforeAlerts.creditSmall()).isEqualTo(new MovementTotals(5, 500));
            assertThat(beforeAlerts.debitOutgoing()).isEqualTo(5);

            store.raise(ComplianceAlert.open("s-hub", AlertType.STRUCTURING, "hub", "t4", 500L, "EUR",
                    T0.plusSeconds(4), "v1", "structuring"));
            store.raise(ComplianceAlert.open("v-payer", AlertType.VELOCITY, "payer", "t4", 100L, "EUR",
                    T0.plusSeconds(4), "v1", "velocity"));
            TransferFacts afterAlerts = store.transferFacts(question);

            assertThat(afterAlerts).as(store.getClass().getSimpleName()).isEqualTo(new TransferFacts(false, true,
                    true, new MovementTotals(5, 500), MovementTotals.NONE, 0));
        }
    }

    /**
     * A large movement raises a large-transaction alert and is never summed for structuring, so neither account's
     * structuring figures are asked for it: a funding account that only pays out large amounts would otherwise
     * have its whole window scanned for every payment. Its velocity figure is still asked.
     */
    @Test
    void theStructuringFiguresOfALargeMovementAreNotAsked() {
        for (ComplianceStore store : List.of(new InMemoryComplianceStore(), ComplianceStores.freshJdbc())) {
            for (int n = 0; n < 3; n++) {
                store.recordMovement(new ComplianceMovement("payer", MovementDirection.DEBIT, "t" + n, 100L, "EUR",
                        T0.plusSeconds(n)));
                store.recordMovement(new ComplianceMovement("hub", MovementDirection.CREDIT, "t" + n, 100L, "EUR",
                        T0.plusSeconds(n)));
            }
            TransferFacts.Question small = new TransferFacts.Question("payer", "hub", "EUR", 1_000,
                    T0.minusSeconds(60), T0.minusSeconds(60), T0.plusSeconds(10), true);
            TransferFacts.Question large = new TransferFacts.Question("payer", "hub", "EUR", 1_000,
                    T0.minusSeconds(60), T0.minusSeconds(60), T0.plusSeconds(10), false);

            assertThat(store.transferFacts(small)).as(store.getClass().getSimpleName()).isEqualTo(new TransferFacts(
                    false, false, false, new MovementTotals(3, 300), new MovementTotals(3, 300), 3));
            assertThat(store.transferFacts(large)).as(store.getClass().getSimpleName()).isEqualTo(new TransferFacts(
                    false, false, false, MovementTotals.NONE, MovementTotals.NONE, 3));
        }
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
