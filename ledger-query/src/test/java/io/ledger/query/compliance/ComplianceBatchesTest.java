package io.ledger.query.compliance;

import io.ledger.core.compliance.AlertType;
import io.ledger.core.compliance.ComplianceAlert;
import io.ledger.core.compliance.ComplianceRules;
import io.ledger.core.compliance.FindAlertsQuery;
import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.refusal.CommandRefusedEvent;
import io.ledger.core.transfer.TransferPostedEvent;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compliance view as an event processor drives it: events in batches, each batch one unit of work, whose
 * movements the store keeps in memory until it commits while the rules keep asking about them. Whatever the batch
 * size, it must raise exactly the alerts that the in-memory view raises event by event.
 */
class ComplianceBatchesTest {

    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
    private static final List<String> ACCOUNTS = List.of("acct-a", "acct-b", "acct-c", "acct-d", "acct-e");
    private static final ComplianceRules RULES = new ComplianceRules("test-1", new BigDecimal("10000"),
            Map.of(), Duration.ofHours(24), 3, Duration.ofHours(1), 3, Duration.ofHours(1));

    @ParameterizedTest(name = "seed {0}, batches of {1} events")
    @CsvSource({"1, 1", "2, 3", "3, 17", "4, 100", "5, 400"})
    void raisesTheAlertsTheInMemoryViewRaisesWhateverTheBatchSize(long seed, int eventsPerBatch) {
        List<EventMessage<?>> events = randomEvents(new Random(seed), 400);
        InMemoryComplianceStore expected = new InMemoryComplianceStore();
        AnnotationEventHandlerAdapter reference = new AnnotationEventHandlerAdapter(
                new ComplianceProjection(expected, RULES));
        for (EventMessage<?> event : events) {
            handle(reference, event);
        }
        ComplianceStore jdbc = ComplianceStores.freshJdbc();
        AnnotationEventHandlerAdapter batched = new AnnotationEventHandlerAdapter(
                new ComplianceProjection(jdbc, RULES));

        for (int from = 0; from < events.size(); from += eventsPerBatch) {
            inOneBatch(batched, events.subList(from, Math.min(events.size(), from + eventsPerBatch)));
        }

        assertThat(alerts(jdbc)).isEqualTo(alerts(expected));
        assertThat(alerts(expected)).extracting(ComplianceAlert::type).as("the events raised every windowed rule")
                .contains(AlertType.STRUCTURING, AlertType.VELOCITY, AlertType.LARGE_TRANSACTION,
                        AlertType.REPEATED_INSUFFICIENT_FUNDS);
    }

    /**
     * Transfers among few accounts, mostly small, minutes apart, and refusals for insufficient funds: bursts that
     * trip every windowed rule.
     */
    private static List<EventMessage<?>> randomEvents(Random random, int count) {
        List<EventMessage<?>> events = new ArrayList<>();
        Instant at = T0;
        for (int i = 0; i < count; i++) {
            at = at.plusSeconds(random.nextInt(random.nextInt(10) == 0 ? 7_200 : 300));
            int debit = random.nextInt(ACCOUNTS.size());
            int credit = (debit + 1 + random.nextInt(ACCOUNTS.size() - 1)) % ACCOUNTS.size();
            Object payload;
            if (random.nextInt(4) == 0) {
                // Refusals all on one account, often enough to repeat within their window.
                payload = new CommandRefusedEvent("ref-" + i, "TransferFundsCommand",
                        Map.of("transferId", "trf-" + i, "debitAccountId", ACCOUNTS.get(0),
                                "amountMinor", "500", "currency", "EUR"),
                        List.of(ACCOUNTS.get(debit), ACCOUNTS.get(credit)),
                        LedgerErrorCode.INSUFFICIENT_FUNDS.name(), "refused");
            } else {
                long amountMinor = random.nextInt(15) == 0 ? 1_500_000 : 1 + random.nextInt(600_000);
                payload = new TransferPostedEvent("trf-" + i, ACCOUNTS.get(debit), ACCOUNTS.get(credit), amountMinor,
                        "EUR", Map.of());
            }
            events.add(new GenericEventMessage<>(UUID.randomUUID().toString(), payload, Map.of(), at));
        }
        return events;
    }

    private static void inOneBatch(AnnotationEventHandlerAdapter projection, List<EventMessage<?>> events) {
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(events);
        var result = batch.executeWithResult(() -> projection.handle(batch.getMessage()));
        if (result.isExceptional()) {
            throw new IllegalStateException(result.exceptionResult());
        }
    }

    private static void handle(AnnotationEventHandlerAdapter projection, EventMessage<?> event) {
        try {
            projection.handle(event);
        } catch (Exception failed) {
            throw new IllegalStateException(failed);
        }
    }

    private static List<ComplianceAlert> alerts(ComplianceStore store) {
        return store.page(new FindAlertsQuery(null, null, null, null, null, 0, 10_000)).alerts();
    }
}
