package io.ledger.core.account;

/**
 * The result of a lifecycle command (freeze, unfreeze, close, change of limit): the account's state right after
 * it. Whether the command changed anything is told by {@code CommandOutcome.repeated()}.
 */
public record AccountStateReceipt(
        String accountId,
        String currency,
        AccountStatus status,
        long overdraftLimitMinor,
        boolean unlimitedOverdraft) {
}
