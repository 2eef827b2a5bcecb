package io.ledger.core.account;

import io.ledger.core.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Opens an account. {@code unlimitedOverdraft} marks system accounts (an external settlement account, a bank's
 * capital account) whose balance may go negative without bound; for every other account the balance may not fall
 * below {@code -overdraftLimitMinor}.
 */
public record OpenAccountCommand(
        String accountId,
        String currency,
        String name,
        long overdraftLimitMinor,
        boolean unlimitedOverdraft) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.account(accountId);
    }
}
