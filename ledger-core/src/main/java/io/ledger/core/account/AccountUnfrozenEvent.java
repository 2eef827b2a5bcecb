package io.ledger.core.account;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AccountUnfrozenEvent(String accountId, String reason) {
}
