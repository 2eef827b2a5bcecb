package io.ledger.core.account;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AccountOverdraftLimitChangedEvent(
        String accountId,
        long overdraftLimitMinor,
        boolean unlimitedOverdraft,
        String reason) {
}
