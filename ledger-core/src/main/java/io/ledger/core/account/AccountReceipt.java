package io.ledger.core.account;

import java.time.Instant;

/** The result of opening an account: what was opened and when. Identical for the original call and every repeat. */
public record AccountReceipt(
        String accountId,
        String currency,
        String name,
        long overdraftLimitMinor,
        boolean unlimitedOverdraft,
        Instant openedAt) {
}
