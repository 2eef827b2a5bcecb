package io.ledger.core.transfer;

import io.ledger.core.Metadata;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Map;

/** A hold was placed; {@code timeoutSeconds} is null when the client gave the expiry as an instant. */
@Revision("1")
public record HoldPlacedEvent(
        String transferId,
        String debitAccountId,
        String creditAccountId,
        long amountMinor,
        String currency,
        Map<String, String> metadata,
        Long timeoutSeconds,
        Instant expiresAt) {

    public HoldPlacedEvent {
        metadata = Metadata.canonical(metadata);
    }
}
