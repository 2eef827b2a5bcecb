package io.ledger.core.account;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AccountFrozenEvent(String accountId, String reason) {
}
