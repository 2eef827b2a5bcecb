package io.ledger.command.transfer;

import io.ledger.core.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records on the original transfer that {@code reversalId} gave back {@code amountMinor} of it. Issued only by the
 * reversal handler, in the same unit of work as the reversal itself; never dispatched on the bus.
 */
public record RecordReversalCommand(String transferId, String reversalId, long amountMinor) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.transfer(transferId);
    }
}
