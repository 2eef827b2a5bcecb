package io.ledger.command.account;

import io.ledger.core.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * One leg of a transfer, applied to an account that the transfer handler has loaded in the same unit of work.
 * It is never dispatched on the command bus on its own: moving money from one account alone, or onto one, would break
 * double entry, so only the transfer, hold and reversal handlers issue it.
 * {@code settlesHold} marks the posted part of a hold, whose funds were already reserved (and checked) when the
 * hold was placed: it is not checked against the overdraft limit again.
 */
public record CreditAccountCommand(
        String accountId,
        String transferId,
        String counterpartyAccountId,
        long amountMinor,
        String currency,
        boolean settlesHold,
        Instant effectiveAt) {

    /** A leg effective when it is recorded. */
    public CreditAccountCommand(String accountId, String transferId, String counterpartyAccountId, long amountMinor,
                               String currency, boolean settlesHold) {
        this(accountId, transferId, counterpartyAccountId, amountMinor, currency, settlesHold, null);
    }

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.account(accountId);
    }
}
