package io.ledger.core.account;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Money left the account: one leg of a transfer, written in the same transaction as the other leg.
 * {@code effectiveAt} is the transfer's value date when it was back-dated, otherwise null. */
@Revision("1")
public record AccountDebitedEvent(
        String accountId,
        String transferId,
        String counterpartyAccountId,
        long amountMinor,
        String currency,
        Instant effectiveAt) {

    /** A leg effective when it was recorded. */
    public AccountDebitedEvent(String accountId, String transferId, String counterpartyAccountId, long amountMinor,
                          String currency) {
        this(accountId, transferId, counterpartyAccountId, amountMinor, currency, null);
    }
}
