package io.ledger.core.transfer;

import io.ledger.core.Metadata;
import io.ledger.core.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Map;

/**
 * Moves {@code amountMinor} from the debit account to the credit account, both legs in one database transaction.
 * The transfer id is chosen by the client and makes the command idempotent.
 */
public record TransferFundsCommand(
        String transferId,
        String debitAccountId,
        String creditAccountId,
        long amountMinor,
        String currency,
        Map<String, String> metadata) implements BatchableCommand {

    public TransferFundsCommand {
        metadata = Metadata.canonical(metadata);
    }

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.transfer(transferId);
    }
}
