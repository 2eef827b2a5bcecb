package io.ledger.core.transfer;

import io.ledger.core.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Expires a pending hold whose expiry has passed. Sent by the expiry sweeper, which finds due holds in stored
 * state; {@code now} is the sweeper's clock reading, which the hold checks against its expiry.
 */
public record ExpireHoldCommand(String transferId, Instant now) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.transfer(transferId);
    }
}
