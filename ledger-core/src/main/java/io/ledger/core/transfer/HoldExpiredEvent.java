package io.ledger.core.transfer;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record HoldExpiredEvent(
        String transferId,
        String debitAccountId,
        String creditAccountId,
        long heldMinor,
        String currency,
        Instant expiresAt) {
}
