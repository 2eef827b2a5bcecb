package io.ledger.core.account;

import io.ledger.core.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Unfreezes an account; {@code reason} is recorded with the event for auditors. */
public record UnfreezeAccountCommand(String accountId, String reason) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.account(accountId);
    }
}
