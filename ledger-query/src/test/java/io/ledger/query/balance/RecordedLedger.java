package io.ledger.query.balance;

import io.ledger.core.account.AccountClosedEvent;
import io.ledger.core.account.AccountFrozenEvent;
import io.ledger.core.account.AccountOpenedEvent;
import io.ledger.core.account.AccountOverdraftLimitChangedEvent;
import io.ledger.core.account.AccountUnfrozenEvent;
import io.ledger.core.account.AccountView;
import io.ledger.core.transfer.HoldExpiredEvent;
import io.ledger.core.transfer.HoldPlacedEvent;
import io.ledger.core.transfer.HoldPostedEvent;
import io.ledger.core.transfer.HoldVoidedEvent;
import io.ledger.core.transfer.ReversalPostedEvent;
import io.ledger.core.transfer.TransferPostedEvent;
import io.ledger.core.transfer.TransferReversedEvent;
import io.ledger.core.transfer.TransferView;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.ledger.core.account.AccountStatus.ACTIVE;
import static io.ledger.core.account.AccountStatus.CLOSED;
import static io.ledger.core.account.AccountStatus.FROZEN;
import static io.ledger.core.transfer.TransferKind.HOLD;
import static io.ledger.core.transfer.TransferKind.REVERSAL;
import static io.ledger.core.transfer.TransferKind.TRANSFER;
import static io.ledger.core.transfer.TransferStatus.EXPIRED;
import static io.ledger.core.transfer.TransferStatus.PENDING;
import static io.ledger.core.transfer.TransferStatus.POSTED;
import static io.ledger.core.transfer.TransferStatus.VOIDED;

/**
 * A recorded stretch of the event store. A settlement account funds Alice, Alice pays Bob, Bob pays part of it
 * back. Then four holds: the taxi's expires while Alice is frozen, the hotel's is posted in part once she is
 * unfrozen, Bob's deposit is voided and the parking hold stays pending although its expiry has passed (no sweep
 * ran); Bob's invoice is partly reversed; Alice gets an overdraft; Bob is frozen; a dormant account is opened and closed. The accounts are opened out of id order, so that ordering
 * by id is not an accident of insertion order. Every instant has millisecond precision, as Axon records it in the
 * event store.
 */
final class RecordedLedger {

    static final String SETTLEMENT = "acc-settlement";
    static final String BOB = "acc-bob";
    static final String ALICE = "acc-alice";
    static final String DORMANT = "acc-dormant";

    static final String FUNDING = "tr-001-funding";
    static final String INVOICE = "tr-002-invoice";
    static final String REFUND = "tr-003-refund";
    static final String HOTEL = "tr-004-hold-hotel";
    static final String TAXI = "tr-005-hold-taxi";
    static final String DEPOSIT = "tr-006-hold-deposit";
    static final String PARKING = "tr-007-hold-parking";
    static final String INVOICE_REVERSAL = "tr-008-reversal-invoice";

    static final Instant SETTLEMENT_OPENED_AT = Instant.parse("2024-03-01T08:00:00.001Z");
    static final Instant BOB_OPENED_AT = Instant.parse("2024-03-01T08:05:17.250Z");
    static final Instant ALICE_OPENED_AT = Instant.parse("2024-03-01T08:05:17.251Z");
    static final Instant FUNDING_POSTED_AT = Instant.parse("2024-03-01T09:30:00.999Z");
    static final Instant INVOICE_POSTED_AT = Instant.parse("2024-03-02T14:45:12.345Z");
    static final Instant REFUND_POSTED_AT = Instant.parse("2024-03-03T23:59:59.999Z");
    static final Instant HOTEL_PLACED_AT = Instant.parse("2024-03-04T10:00:00.100Z");
    static final Instant TAXI_PLACED_AT = Instant.parse("2024-03-04T10:05:00.000Z");
    static final Instant DEPOSIT_PLACED_AT = Instant.parse("2024-03-04T11:00:00.300Z");
    static final Instant PARKING_PLACED_AT = Instant.parse("2024-03-04T11:30:00.400Z");
    static final Instant TAXI_EXPIRES_AT = Instant.parse("2024-03-04T18:00:00.000Z");
    static final Instant PARKING_EXPIRES_AT = Instant.parse("2024-03-04T18:00:00.000Z");
    static final Instant HOTEL_EXPIRES_AT = Instant.parse("2024-03-05T12:00:00.000Z");
    static final Instant DEPOSIT_EXPIRES_AT = Instant.parse("2024-03-06T00:00:00.000Z");
    static final Instant TAXI_EXPIRED_AT = Instant.parse("2024-03-04T18:00:01.500Z");
    static final Instant HOTEL_POSTED_AT = Instant.parse("2024-03-05T09:00:00.600Z");
    static final Instant DEPOSIT_VOIDED_AT = Instant.parse("2024-03-05T10:00:00.700Z");
    static final Instant INVOICE_REVERSED_AT = Instant.parse("2024-03-05T11:00:00.800Z");
    static final Instant DORMANT_OPENED_AT = Instant.parse("2024-03-05T12:00:00.900Z");

    static final AccountOpenedEvent SETTLEMENT_OPENED =
            new AccountOpenedEvent(SETTLEMENT, "EUR", "Settlement", 0, true);
    static final AccountOpenedEvent BOB_OPENED = new AccountOpenedEvent(BOB, "EUR", "Bob", 5_000, false);
    static final AccountOpenedEvent ALICE_OPENED = new AccountOpenedEvent(ALICE, "EUR", "Alice", 0, false);
    static final AccountOpenedEvent DORMANT_OPENED = new AccountOpenedEvent(DORMANT, "USD", "Dormant", 0, false);

    static final TransferPostedEvent FUNDING_POSTED = new TransferPostedEvent(FUNDING, SETTLEMENT, ALICE, 10_000,
            "EUR", Map.of("source", "wire", "bank-reference", "SEPA-778812"));
    static final TransferPostedEvent INVOICE_POSTED = new TransferPostedEvent(INVOICE, ALICE, BOB, 2_525,
            "EUR", Map.of("invoice", "2024-17"));
    static final TransferPostedEvent REFUND_POSTED = new TransferPostedEvent(REFUND, BOB, ALICE, 1_000,
            "EUR", Map.of());

    static final HoldPlacedEvent HOTEL_PLACED = new HoldPlacedEvent(HOTEL, ALICE, BOB, 3_000, "EUR",
            Map.of("booking", "H-1"), null, HOTEL_EXPIRES_AT);
    static final HoldPlacedEvent TAXI_PLACED = new HoldPlacedEvent(TAXI, ALICE, SETTLEMENT, 500, "EUR",
            Map.of(), 28_500L, TAXI_EXPIRES_AT);
    static final HoldPlacedEvent DEPOSIT_PLACED = new HoldPlacedEvent(DEPOSIT, BOB, ALICE, 700, "EUR",
            Map.of("purpose", "deposit"), null, DEPOSIT_EXPIRES_AT);
    static final HoldPlacedEvent PARKING_PLACED = new HoldPlacedEvent(PARKING, ALICE, BOB, 200, "EUR",
            Map.of(), null, PARKING_EXPIRES_AT);
    static final HoldExpiredEvent TAXI_EXPIRED = new HoldExpiredEvent(TAXI, ALICE, SETTLEMENT, 500, "EUR",
            TAXI_EXPIRES_AT);
    static final HoldPostedEvent HOTEL_POSTED = new HoldPostedEvent(HOTEL, ALICE, BOB, 3_000, 1_200, 1_800, "EUR");
    static final HoldVoidedEvent DEPOSIT_VOIDED = new HoldVoidedEvent(DEPOSIT, BOB, ALICE, 700, "EUR");
    static final ReversalPostedEvent INVOICE_REVERSAL_POSTED = new ReversalPostedEvent(INVOICE_REVERSAL, INVOICE,
            BOB, ALICE, 1_000, "EUR", Map.of("reason", "partial-refund"));
    static final TransferReversedEvent INVOICE_REVERSED = new TransferReversedEvent(INVOICE, INVOICE_REVERSAL,
            1_000, 1_000);

    /** The rows the balance view must hold after the whole sequence, in id order. */
    static final List<AccountView> EXPECTED_ACCOUNTS = List.of(
            new AccountView(ALICE, "EUR", "Alice", 2_000, false, ACTIVE,
                    10_000 - 2_525 + 1_000 - 1_200 + 1_000, 200, 0, ALICE_OPENED_AT),
            new AccountView(BOB, "EUR", "Bob", 5_000, false, FROZEN,
                    2_525 - 1_000 + 1_200 - 1_000, 0, 200, BOB_OPENED_AT),
            new AccountView(DORMANT, "USD", "Dormant", 0, false, CLOSED, 0, 0, 0, DORMANT_OPENED_AT),
            new AccountView(SETTLEMENT, "EUR", "Settlement", 0, true, ACTIVE, -10_000, 0, 0, SETTLEMENT_OPENED_AT));

    static final List<TransferView> EXPECTED_TRANSFERS = List.of(
            new TransferView(FUNDING, TRANSFER, SETTLEMENT, ALICE, 10_000, 10_000, 0, "EUR",
                    Map.of("bank-reference", "SEPA-778812", "source", "wire"), POSTED, null, null,
                    FUNDING_POSTED_AT, null),
            new TransferView(INVOICE, TRANSFER, ALICE, BOB, 2_525, 2_525, 1_000, "EUR", Map.of("invoice", "2024-17"),
                    POSTED, null, null, INVOICE_POSTED_AT, null),
            new TransferView(REFUND, TRANSFER, BOB, ALICE, 1_000, 1_000, 0, "EUR", Map.of(), POSTED, null, null,
                    REFUND_POSTED_AT, null),
            new TransferView(HOTEL, HOLD, ALICE, BOB, 3_000, 1_200, 0, "EUR", Map.of("booking", "H-1"), POSTED, null,
                    HOTEL_EXPIRES_AT, HOTEL_PLACED_AT, HOTEL_POSTED_AT),
            new TransferView(TAXI, HOLD, ALICE, SETTLEMENT, 500, 0, 0, "EUR", Map.of(), EXPIRED, null,
                    TAXI_EXPIRES_AT, TAXI_PLACED_AT, TAXI_EXPIRED_AT),
            new TransferView(DEPOSIT, HOLD, BOB, ALICE, 700, 0, 0, "EUR", Map.of("purpose", "deposit"), VOIDED, null,
                    DEPOSIT_EXPIRES_AT, DEPOSIT_PLACED_AT, DEPOSIT_VOIDED_AT),
            new TransferView(PARKING, HOLD, ALICE, BOB, 200, 0, 0, "EUR", Map.of(), PENDING, null,
                    PARKING_EXPIRES_AT, PARKING_PLACED_AT, null),
            new TransferView(INVOICE_REVERSAL, REVERSAL, BOB, ALICE, 1_000, 1_000, 0, "EUR",
                    Map.of("reason", "partial-refund"), POSTED, INVOICE, null, INVOICE_REVERSED_AT, null));

    private RecordedLedger() {
    }

    /** Every recorded event, in recorded order, each as the one call Axon's processor would make. */
    static List<Consumer<AccountBalanceProjection>> events() {
        return List.of(
                p -> p.on(SETTLEMENT_OPENED, SETTLEMENT_OPENED_AT),
                p -> p.on(BOB_OPENED, BOB_OPENED_AT),
                p -> p.on(ALICE_OPENED, ALICE_OPENED_AT),
                p -> p.on(FUNDING_POSTED, FUNDING_POSTED_AT),
                p -> p.on(INVOICE_POSTED, INVOICE_POSTED_AT),
                p -> p.on(REFUND_POSTED, REFUND_POSTED_AT),
                p -> p.on(HOTEL_PLACED, HOTEL_PLACED_AT),
                p -> p.on(TAXI_PLACED, TAXI_PLACED_AT),
                p -> p.on(DEPOSIT_PLACED, DEPOSIT_PLACED_AT),
                p -> p.on(PARKING_PLACED, PARKING_PLACED_AT),
                p -> p.on(new AccountFrozenEvent(ALICE, "fraud check")),
                p -> p.on(TAXI_EXPIRED, TAXI_EXPIRED_AT),
                p -> p.on(new AccountUnfrozenEvent(ALICE, "cleared")),
                p -> p.on(HOTEL_POSTED, HOTEL_POSTED_AT),
                p -> p.on(DEPOSIT_VOIDED, DEPOSIT_VOIDED_AT),
                p -> p.on(INVOICE_REVERSAL_POSTED, INVOICE_REVERSED_AT),
                p -> p.on(INVOICE_REVERSED),
                p -> p.on(new AccountOverdraftLimitChangedEvent(ALICE, 2_000, false, "good standing")),
                p -> p.on(new AccountFrozenEvent(BOB, "court order")),
                p -> p.on(DORMANT_OPENED, DORMANT_OPENED_AT),
                p -> p.on(new AccountClosedEvent(DORMANT, "never used")));
    }

    /** Feeds the whole sequence, in recorded order, as Axon's processor would. */
    static void replayInto(AccountBalanceProjection projection) {
        events().forEach(event -> event.accept(projection));
    }

    static List<String> transferIds() {
        return List.of(FUNDING, INVOICE, REFUND, HOTEL, TAXI, DEPOSIT, PARKING, INVOICE_REVERSAL);
    }
}
