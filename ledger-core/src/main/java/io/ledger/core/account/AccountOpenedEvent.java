package io.ledger.core.account;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AccountOpenedEvent(
        String accountId,
        String currency,
        String name,
        long overdraftLimitMinor,
        boolean unlimitedOverdraft) {
}
