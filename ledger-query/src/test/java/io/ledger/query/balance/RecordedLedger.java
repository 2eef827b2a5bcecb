package io.ledger.query.balance;

import io.ledger.core.account.AccountOpenedEvent;
import io.ledger.core.account.AccountView;
import io.ledger.core.transfer.TransferPostedEvent;
import io.ledger.core.transfer.TransferStatus;
import io.ledger.core.transfer.TransferView;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A recorded stretch of the event store: a settlement account funds Alice, Alice pays Bob, Bob pays part of it
 * back. The accounts are opened out of id order, so that ordering by id is not an accident of insertion order.
 * Every instant has millisecond precision, as Axon records it in the event store.
 */
final class RecordedLedger {

    static final String SETTLEMENT = "acc-settlement";
    static final String BOB = "acc-bob";
    static final String ALICE = "acc-alice";

    static final String FUNDING = "tr-001-funding";
    static final String INVOICE = "tr-002-invoice";
    static final String REFUND = "tr-003-refund";

    static final Instant SETTLEMENT_OPENED_AT = Instant.parse("2024-03-01T08:00:00.001Z");
    static final Instant BOB_OPENED_AT = Instant.parse("2024-03-01T08:05:17.250Z");
    static final Instant ALICE_OPENED_AT = Instant.parse("2024-03-01T08:05:17.251Z");
    static final Instant FUNDING_POSTED_AT = Instant.parse("2024-03-01T09:30:00.999Z");
    static final Instant INVOICE_POSTED_AT = Instant.parse("2024-03-02T14:45:12.345Z");
    static final Instant REFUND_POSTED_AT = Instant.parse("2024-03-03T23:59:59.999Z");

    static final AccountOpenedEvent SETTLEMENT_OPENED =
            new AccountOpenedEvent(SETTLEMENT, "EUR", "Settlement", 0, true);
    static final AccountOpenedEvent BOB_OPENED = new AccountOpenedEvent(BOB, "EUR", "Bob", 5_000, false);
    static final AccountOpenedEvent ALICE_OPENED = new AccountOpenedEvent(ALICE, "EUR", "Alice", 0, false);

    static final TransferPostedEvent FUNDING_POSTED = new TransferPostedEvent(FUNDING, SETTLEMENT, ALICE, 10_000,
            "EUR", Map.of("source", "wire", "bank-reference", "SEPA-778812"));
    static final TransferPostedEvent INVOICE_POSTED = new TransferPostedEvent(INVOICE, ALICE, BOB, 2_525,
            "EUR", Map.of("invoice", "2024-17"));
    static final TransferPostedEvent REFUND_POSTED = new TransferPostedEvent(REFUND, BOB, ALICE, 1_000,
            "EUR", Map.of());

    /** The rows the balance view must hold after the whole sequence, in id order. */
    static final List<AccountView> EXPECTED_ACCOUNTS = List.of(
            new AccountView(ALICE, "EUR", "Alice", 0, false, 10_000 - 2_525 + 1_000, ALICE_OPENED_AT),
            new AccountView(BOB, "EUR", "Bob", 5_000, false, 2_525 - 1_000, BOB_OPENED_AT),
            new AccountView(SETTLEMENT, "EUR", "Settlement", 0, true, -10_000, SETTLEMENT_OPENED_AT));

    static final List<TransferView> EXPECTED_TRANSFERS = List.of(
            new TransferView(FUNDING, SETTLEMENT, ALICE, 10_000, "EUR",
                    Map.of("bank-reference", "SEPA-778812", "source", "wire"), TransferStatus.POSTED,
                    FUNDING_POSTED_AT),
            new TransferView(INVOICE, ALICE, BOB, 2_525, "EUR", Map.of("invoice", "2024-17"), TransferStatus.POSTED,
                    INVOICE_POSTED_AT),
            new TransferView(REFUND, BOB, ALICE, 1_000, "EUR", Map.of(), TransferStatus.POSTED, REFUND_POSTED_AT));

    private RecordedLedger() {
    }

    /** Feeds the whole sequence, in recorded order, as Axon's processor would. */
    static void replayInto(AccountBalanceProjection projection) {
        projection.on(SETTLEMENT_OPENED, SETTLEMENT_OPENED_AT);
        projection.on(BOB_OPENED, BOB_OPENED_AT);
        projection.on(ALICE_OPENED, ALICE_OPENED_AT);
        projection.on(FUNDING_POSTED, FUNDING_POSTED_AT);
        projection.on(INVOICE_POSTED, INVOICE_POSTED_AT);
        projection.on(REFUND_POSTED, REFUND_POSTED_AT);
    }

    static List<String> transferIds() {
        return List.of(FUNDING, INVOICE, REFUND);
    }
}
