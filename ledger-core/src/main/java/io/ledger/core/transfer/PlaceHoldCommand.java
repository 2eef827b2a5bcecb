package io.ledger.core.transfer;

import io.ledger.core.Metadata;
import io.ledger.core.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Map;

/**
 * Reserves {@code amountMinor} on the debit account (and announces it on the credit account) without moving it.
 * The expiry is given either as {@code timeoutSeconds} from the request or as an absolute {@code expiresAt},
 * exactly one of them. {@code requestedAt} is the server's time of the request, so that the hold computes and
 * checks its expiry without reading a clock itself; it is not part of the hold's content for idempotency.
 */
public record PlaceHoldCommand(
        String transferId,
        String debitAccountId,
        String creditAccountId,
        long amountMinor,
        String currency,
        Map<String, String> metadata,
        Long timeoutSeconds,
        Instant expiresAt,
        Instant requestedAt) implements BatchableCommand {

    public PlaceHoldCommand {
        metadata = Metadata.canonical(metadata);
    }

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.transfer(transferId);
    }
}
