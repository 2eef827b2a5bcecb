package io.ledger.core.account;

import java.time.Instant;

/**
 * An account as the balance projection knows it. {@code postedMinor} is credits minus debits; pending amounts are
 * reserved by holds; {@code availableMinor()} is what a debit may use before the overdraft limit applies.
 */
public record AccountView(
        String accountId,
        String currency,
        String name,
        long overdraftLimitMinor,
        boolean unlimitedOverdraft,
        AccountStatus status,
        long postedMinor,
        long pendingDebitsMinor,
        long pendingCreditsMinor,
        Instant openedAt) {

    /** Posted balance minus pending debits: the figure the overdraft check uses. */
    public long availableMinor() {
        return postedMinor - pendingDebitsMinor;
    }

    /** This account with its balances moved by the given amounts (exact arithmetic: overflow throws). */
    public AccountView plus(long postedDeltaMinor, long pendingDebitsDeltaMinor, long pendingCreditsDeltaMinor) {
        return new AccountView(accountId, currency, name, overdraftLimitMinor, unlimitedOverdraft, status,
                Math.addExact(postedMinor, postedDeltaMinor),
                Math.addExact(pendingDebitsMinor, pendingDebitsDeltaMinor),
                Math.addExact(pendingCreditsMinor, pendingCreditsDeltaMinor), openedAt);
    }
}
