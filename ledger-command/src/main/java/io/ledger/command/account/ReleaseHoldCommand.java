package io.ledger.command.account;

import io.ledger.core.StreamIds;
import io.ledger.core.account.LegSide;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Ends a hold's reservation on one account (because the hold was posted, voided or expired), issued only by the
 * hold handler in the same unit of work as the hold's outcome. Allowed on a frozen account, so that its holds can
 * still be voided or expire.
 */
public record ReleaseHoldCommand(
        String accountId,
        String transferId,
        LegSide side,
        long amountMinor,
        String currency) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.account(accountId);
    }
}
