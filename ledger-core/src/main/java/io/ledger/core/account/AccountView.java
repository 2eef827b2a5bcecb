package io.ledger.core.account;

import java.time.Instant;

/** An account as the balance projection knows it. {@code postedMinor} is credits minus debits. */
public record AccountView(
        String accountId,
        String currency,
        String name,
        long overdraftLimitMinor,
        boolean unlimitedOverdraft,
        long postedMinor,
        Instant openedAt) {
}
