package io.ledger.core.account;

import org.axonframework.serialization.Revision;

/** Money left the account: one leg of a transfer, written in the same transaction as the other leg. */
@Revision("1")
public record AccountDebitedEvent(
        String accountId,
        String transferId,
        String counterpartyAccountId,
        long amountMinor,
        String currency) {
}
