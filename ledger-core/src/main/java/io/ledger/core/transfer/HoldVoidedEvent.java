package io.ledger.core.transfer;

import org.axonframework.serialization.Revision;

@Revision("1")
public record HoldVoidedEvent(
        String transferId,
        String debitAccountId,
        String creditAccountId,
        long heldMinor,
        String currency) {
}
