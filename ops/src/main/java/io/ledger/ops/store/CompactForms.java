package io.ledger.ops.store;

import io.ledger.core.account.AccountCreditedEvent;
import io.ledger.core.account.AccountDebitedEvent;
import io.ledger.core.account.AccountHoldReleasedEvent;
import io.ledger.core.account.AccountHoldReservedEvent;
import io.ledger.core.account.LegSide;
import io.ledger.core.transfer.HoldPlacedEvent;
import io.ledger.core.transfer.HoldPostedEvent;
import io.ledger.core.transfer.TransferPostedEvent;

import java.util.List;
import java.util.function.Function;

/**
 * The commonest payload types (about 97 % of a store: the two legs of every transfer, the transfer itself, the
 * legs of holds, holds placed and posted) read by {@link CompactJson} without Jackson. Each reading names the
 * properties in the record's component order, which is the order Jackson writes them in, and passes them to the
 * record's canonical constructor, which is the one Jackson calls. A form applies only to the payload revision it
 * was written for: a stored payload of another revision, or a record whose {@code @Revision} moved on, is read by
 * Jackson (a test holds each form's revision to its record's annotation).
 */
final class CompactForms {

    /** How one payload type reads in the compact form, for payloads stored with {@code revision}. */
    record Form<T>(Class<T> type, String revision, Function<CompactJson, T> properties) {
    }

    private CompactForms() {
    }

    // The arguments of a constructor call are evaluated left to right (JLS 15.12.4.2): that is the reading order.
    static final List<Form<?>> ALL = List.of(
            new Form<>(AccountDebitedEvent.class, "1", json -> new AccountDebitedEvent(json.string("accountId"),
                    json.string("transferId"), json.string("counterpartyAccountId"), json.longValue("amountMinor"),
                    json.string("currency"), json.instant("effectiveAt"))),
            new Form<>(AccountCreditedEvent.class, "1", json -> new AccountCreditedEvent(json.string("accountId"),
                    json.string("transferId"), json.string("counterpartyAccountId"), json.longValue("amountMinor"),
                    json.string("currency"), json.instant("effectiveAt"))),
            new Form<>(TransferPostedEvent.class, "1", json -> new TransferPostedEvent(json.string("transferId"),
                    json.string("debitAccountId"), json.string("creditAccountId"), json.longValue("amountMinor"),
                    json.string("currency"), json.stringMapOrNullWhenEmpty("metadata"),
                    json.instant("effectiveAt"))),
            new Form<>(AccountHoldReservedEvent.class, "1", json -> new AccountHoldReservedEvent(
                    json.string("accountId"), json.string("transferId"), json.constant("side", LegSide.class),
                    json.string("counterpartyAccountId"), json.longValue("amountMinor"), json.string("currency"))),
            new Form<>(AccountHoldReleasedEvent.class, "1", json -> new AccountHoldReleasedEvent(
                    json.string("accountId"), json.string("transferId"), json.constant("side", LegSide.class),
                    json.longValue("amountMinor"), json.string("currency"))),
            new Form<>(HoldPlacedEvent.class, "1", json -> new HoldPlacedEvent(json.string("transferId"),
                    json.string("debitAccountId"), json.string("creditAccountId"), json.longValue("amountMinor"),
                    json.string("currency"), json.stringMapOrNullWhenEmpty("metadata"),
                    json.nullableLong("timeoutSeconds"), json.instant("expiresAt"))),
            new Form<>(HoldPostedEvent.class, "1", json -> new HoldPostedEvent(json.string("transferId"),
                    json.string("debitAccountId"), json.string("creditAccountId"), json.longValue("heldMinor"),
                    json.longValue("postedMinor"), json.longValue("releasedMinor"), json.string("currency"))));
}
