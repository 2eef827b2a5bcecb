package io.ledger.core.account;

import org.axonframework.serialization.Revision;

/**
 * A hold reserved an amount on this account without moving it: a pending debit (which the available balance
 * already excludes) or a pending credit (which it does not yet include).
 */
@Revision("1")
public record AccountHoldReservedEvent(
        String accountId,
        String transferId,
        LegSide side,
        String counterpartyAccountId,
        long amountMinor,
        String currency) {
}
