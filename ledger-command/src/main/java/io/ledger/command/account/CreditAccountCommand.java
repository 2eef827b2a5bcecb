package io.ledger.command.account;

import io.ledger.command.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * One leg of a transfer, applied to an account that the transfer handler has loaded in the same unit of work.
 * It is never dispatched on the command bus on its own: moving money from one account alone, or onto one, would break
 * double entry, so only {@code TransferCommandHandler} issues it.
 */
public record CreditAccountCommand(
        String accountId,
        String transferId,
        String counterpartyAccountId,
        long amountMinor,
        String currency) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.account(accountId);
    }
}
