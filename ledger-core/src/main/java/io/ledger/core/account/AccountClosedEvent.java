package io.ledger.core.account;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AccountClosedEvent(String accountId, String reason) {
}
