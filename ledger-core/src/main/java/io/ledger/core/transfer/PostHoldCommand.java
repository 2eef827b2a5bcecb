package io.ledger.core.transfer;

import io.ledger.core.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Posts a pending hold: moves {@code amount} (the whole held amount when null) and releases the rest.
 * {@code amount} is a decimal string, parsed by the hold in its own currency, which only the write side knows
 * for certain (the hold may have been placed a moment ago, in the same batch). {@code requestedAt} is the
 * server's time of the request; a hold whose expiry has passed cannot be posted.
 */
public record PostHoldCommand(String transferId, String amount, Instant requestedAt) implements BatchableCommand {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.transfer(transferId);
    }
}
