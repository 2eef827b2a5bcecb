package io.ledger.core.transfer;

import io.ledger.core.Metadata;
import io.ledger.core.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Map;

/**
 * Gives back all or part of a posted transfer: a new transfer, {@code reversalId}, in the opposite direction.
 * {@code amount} is a decimal string in the original's currency; null means the whole original amount. The total
 * reversed never exceeds the original.
 */
public record ReverseTransferCommand(
        String reversalId,
        String originalTransferId,
        String amount,
        Map<String, String> metadata) {

    public ReverseTransferCommand {
        metadata = Metadata.canonical(metadata);
    }

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.transfer(reversalId);
    }
}
