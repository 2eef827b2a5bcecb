package io.ledger.core.transfer;

import io.ledger.core.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Releases a pending hold without moving anything. */
public record VoidHoldCommand(String transferId, Instant requestedAt) implements BatchableCommand {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.transfer(transferId);
    }
}
