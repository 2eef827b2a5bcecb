package io.ledger.core.transfer;

import io.ledger.core.Metadata;
import io.ledger.core.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Map;

/**
 * Moves {@code amountMinor} from the debit account to the credit account, both legs in one database transaction.
 * The transfer id is chosen by the client and makes the command idempotent. {@code effectiveAt} is an optional
 * value date earlier than the record time (back-dating, within a configured window); {@code requestedAt} is the
 * server's time of the request, against which the value date is checked. Neither is needed without a value date.
 */
public record TransferFundsCommand(
        String transferId,
        String debitAccountId,
        String creditAccountId,
        long amountMinor,
        String currency,
        Map<String, String> metadata,
        Instant effectiveAt,
        Instant requestedAt) implements BatchableCommand {

    public TransferFundsCommand {
        metadata = Metadata.canonical(metadata);
    }

    /** A transfer effective when it is recorded (no value date). */
    public TransferFundsCommand(String transferId, String debitAccountId, String creditAccountId, long amountMinor,
                                String currency, Map<String, String> metadata) {
        this(transferId, debitAccountId, creditAccountId, amountMinor, currency, metadata, null, null);
    }

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.transfer(transferId);
    }
}
