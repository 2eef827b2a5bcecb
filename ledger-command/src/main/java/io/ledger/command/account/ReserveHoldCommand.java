package io.ledger.command.account;

import io.ledger.core.StreamIds;
import io.ledger.core.account.LegSide;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * One side of a hold on one account, issued only by the hold handler in the same unit of work as the hold itself
 * (never dispatched on the bus): a pending debit reserves available funds, a pending credit announces money.
 */
public record ReserveHoldCommand(
        String accountId,
        String transferId,
        LegSide side,
        String counterpartyAccountId,
        long amountMinor,
        String currency) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.account(accountId);
    }
}
