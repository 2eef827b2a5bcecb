package io.ledger.core.transfer;

import io.ledger.core.Metadata;
import org.axonframework.serialization.Revision;

import java.util.Map;

/**
 * A reversal was posted, on the reversal's own stream: money moved from the original's credit account
 * ({@code debitAccountId} here) back to the original's debit account ({@code creditAccountId} here).
 */
@Revision("1")
public record ReversalPostedEvent(
        String reversalId,
        String originalTransferId,
        String debitAccountId,
        String creditAccountId,
        long amountMinor,
        String currency,
        Map<String, String> metadata) {

    public ReversalPostedEvent {
        metadata = Metadata.canonical(metadata);
    }
}
