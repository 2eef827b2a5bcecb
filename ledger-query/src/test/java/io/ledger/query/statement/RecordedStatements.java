package io.ledger.query.statement;

import io.ledger.core.account.AccountCreditedEvent;
import io.ledger.core.account.AccountDebitedEvent;
import io.ledger.core.account.AccountHoldReleasedEvent;
import io.ledger.core.account.AccountHoldReservedEvent;
import io.ledger.core.account.AccountOpenedEvent;
import io.ledger.core.account.LegSide;
import io.ledger.core.statement.StatementEntry;
import io.ledger.core.transfer.HoldPlacedEvent;
import io.ledger.core.transfer.TransferPostedEvent;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.ledger.core.statement.EntryType.CREDIT;
import static io.ledger.core.statement.EntryType.DEBIT;
import static io.ledger.core.statement.EntryType.OPENED;
import static io.ledger.core.statement.EntryType.PENDING_CREDIT;
import static io.ledger.core.statement.EntryType.PENDING_CREDIT_RELEASED;
import static io.ledger.core.statement.EntryType.PENDING_DEBIT;
import static io.ledger.core.statement.EntryType.PENDING_DEBIT_RELEASED;

/**
 * A recorded stretch of the event store, written out event by event with its global positions, stream sequence
 * numbers and timestamps, and the statement rows it must produce. Alice and Bob open accounts; Alice pays Bob's
 * invoice; a hotel hold reserves money on both, is released and posted in part; Bob refunds part of the invoice.
 * Every instant has millisecond precision, as Axon records it in the event store; both legs of a transfer share one.
 */
final class RecordedStatements {

    static final String ALICE = "acc-alice";
    static final String BOB = "acc-bob";
    static final String INVOICE = "tr-001-invoice";
    static final String HOTEL = "tr-002-hold-hotel";
    static final String REFUND = "tr-003-refund";

    static final Map<String, String> INVOICE_METADATA = Map.of("invoice", "INV-7", "channel", "web");
    static final Map<String, String> HOTEL_METADATA = Map.of("merchant", "Hotel Adlon");
    static final Map<String, String> REFUND_METADATA = Map.of("reason", "overpaid");

    static final Instant ALICE_OPENED_AT = Instant.parse("2024-03-01T08:00:00.001Z");
    static final Instant BOB_OPENED_AT = Instant.parse("2024-03-01T08:00:00.002Z");
    static final Instant INVOICE_POSTED_AT = Instant.parse("2024-03-01T09:15:30.123Z");
    static final Instant HOTEL_PLACED_AT = Instant.parse("2024-03-02T10:00:00.500Z");
    static final Instant HOTEL_POSTED_AT = Instant.parse("2024-03-03T12:00:00.000Z");
    static final Instant REFUND_POSTED_AT = Instant.parse("2024-03-04T18:30:00.999Z");

    static final List<StatementEntry> EXPECTED_ALICE = List.of(
            new StatementEntry(ALICE, 0, 0, ALICE_OPENED_AT, OPENED, null, null, 0, "EUR", Map.of(), 0, 0, 0),
            new StatementEntry(ALICE, 1, 3, INVOICE_POSTED_AT, DEBIT, INVOICE, BOB, 10_000, "EUR",
                    INVOICE_METADATA, -10_000, 0, 0),
            new StatementEntry(ALICE, 2, 6, HOTEL_PLACED_AT, PENDING_DEBIT, HOTEL, BOB, 2_500, "EUR",
                    HOTEL_METADATA, -10_000, 2_500, 0),
            new StatementEntry(ALICE, 3, 8, HOTEL_POSTED_AT, PENDING_DEBIT_RELEASED, HOTEL, null, 2_500, "EUR",
                    HOTEL_METADATA, -10_000, 0, 0),
            new StatementEntry(ALICE, 4, 10, HOTEL_POSTED_AT, DEBIT, HOTEL, BOB, 2_000, "EUR",
                    HOTEL_METADATA, -12_000, 0, 0),
            new StatementEntry(ALICE, 5, 14, REFUND_POSTED_AT, CREDIT, REFUND, BOB, 500, "EUR",
                    REFUND_METADATA, -11_500, 0, 0));

    static final List<StatementEntry> EXPECTED_BOB = List.of(
            new StatementEntry(BOB, 0, 1, BOB_OPENED_AT, OPENED, null, null, 0, "EUR", Map.of(), 0, 0, 0),
            new StatementEntry(BOB, 1, 4, INVOICE_POSTED_AT, CREDIT, INVOICE, ALICE, 10_000, "EUR",
                    INVOICE_METADATA, 10_000, 0, 0),
            new StatementEntry(BOB, 2, 7, HOTEL_PLACED_AT, PENDING_CREDIT, HOTEL, ALICE, 2_500, "EUR",
                    HOTEL_METADATA, 10_000, 0, 2_500),
            new StatementEntry(BOB, 3, 9, HOTEL_POSTED_AT, PENDING_CREDIT_RELEASED, HOTEL, null, 2_500, "EUR",
                    HOTEL_METADATA, 10_000, 0, 0),
            new StatementEntry(BOB, 4, 11, HOTEL_POSTED_AT, CREDIT, HOTEL, ALICE, 2_000, "EUR",
                    HOTEL_METADATA, 12_000, 0, 0),
            new StatementEntry(BOB, 5, 13, REFUND_POSTED_AT, DEBIT, REFUND, ALICE, 500, "EUR",
                    REFUND_METADATA, 11_500, 0, 0));

    /** Alice's leg of the invoice: stream sequence 1, global position 3. */
    static final AccountDebitedEvent ALICE_PAYS_INVOICE = new AccountDebitedEvent(ALICE, INVOICE, BOB, 10_000, "EUR");

    private RecordedStatements() {
    }

    static void replayInto(StatementProjection projection) {
        projection.on(new AccountOpenedEvent(ALICE, "EUR", "Alice", 0, false), 0L, ALICE_OPENED_AT, at(0));
        projection.on(new AccountOpenedEvent(BOB, "EUR", "Bob", 5_000, false), 0L, BOB_OPENED_AT, at(1));

        projection.on(new TransferPostedEvent(INVOICE, ALICE, BOB, 10_000, "EUR", INVOICE_METADATA));
        projection.on(ALICE_PAYS_INVOICE, 1L, INVOICE_POSTED_AT, at(3));
        projection.on(new AccountCreditedEvent(BOB, INVOICE, ALICE, 10_000, "EUR"), 1L, INVOICE_POSTED_AT, at(4));

        projection.on(new HoldPlacedEvent(HOTEL, ALICE, BOB, 2_500, "EUR", HOTEL_METADATA, 86_400L,
                HOTEL_PLACED_AT.plusSeconds(86_400)));
        projection.on(new AccountHoldReservedEvent(ALICE, HOTEL, LegSide.DEBIT, BOB, 2_500, "EUR"), 2L,
                HOTEL_PLACED_AT, at(6));
        projection.on(new AccountHoldReservedEvent(BOB, HOTEL, LegSide.CREDIT, ALICE, 2_500, "EUR"), 2L,
                HOTEL_PLACED_AT, at(7));

        projection.on(new AccountHoldReleasedEvent(ALICE, HOTEL, LegSide.DEBIT, 2_500, "EUR"), 3L,
                HOTEL_POSTED_AT, at(8));
        projection.on(new AccountHoldReleasedEvent(BOB, HOTEL, LegSide.CREDIT, 2_500, "EUR"), 3L,
                HOTEL_POSTED_AT, at(9));
        projection.on(new AccountDebitedEvent(ALICE, HOTEL, BOB, 2_000, "EUR"), 4L, HOTEL_POSTED_AT, at(10));
        projection.on(new AccountCreditedEvent(BOB, HOTEL, ALICE, 2_000, "EUR"), 4L, HOTEL_POSTED_AT, at(11));

        projection.on(new TransferPostedEvent(REFUND, BOB, ALICE, 500, "EUR", REFUND_METADATA));
        projection.on(new AccountDebitedEvent(BOB, REFUND, ALICE, 500, "EUR"), 5L, REFUND_POSTED_AT, at(13));
        projection.on(new AccountCreditedEvent(ALICE, REFUND, BOB, 500, "EUR"), 5L, REFUND_POSTED_AT, at(14));
    }

    static GlobalSequenceTrackingToken at(long position) {
        return new GlobalSequenceTrackingToken(position);
    }
}
