package io.ledger.core.transfer;

import io.ledger.core.Metadata;

import java.time.Instant;
import java.util.Map;

/** The result of a transfer command. Identical for the original call and every repeat with the same content. */
public record TransferReceipt(
        String transferId,
        String debitAccountId,
        String creditAccountId,
        long amountMinor,
        String currency,
        Map<String, String> metadata,
        TransferStatus status,
        Instant postedAt) {

    public TransferReceipt {
        metadata = Metadata.canonical(metadata);
    }
}
