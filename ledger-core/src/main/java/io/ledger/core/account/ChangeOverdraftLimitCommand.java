package io.ledger.core.account;

import io.ledger.core.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sets a new overdraft rule. It governs debits from now on; a balance already below a lowered limit stays where
 * it is, and the account simply cannot be debited further until it is back within the limit.
 * {@code overdraftLimit} is a decimal string in the account's currency (null means zero), parsed by the account.
 */
public record ChangeOverdraftLimitCommand(
        String accountId,
        String overdraftLimit,
        boolean unlimitedOverdraft,
        String reason) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.account(accountId);
    }
}
