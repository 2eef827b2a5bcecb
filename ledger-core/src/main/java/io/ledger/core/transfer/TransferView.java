package io.ledger.core.transfer;

import io.ledger.core.Metadata;

import java.time.Instant;
import java.util.Map;

/** A transfer as the read side knows it. */
public record TransferView(
        String transferId,
        String debitAccountId,
        String creditAccountId,
        long amountMinor,
        String currency,
        Map<String, String> metadata,
        TransferStatus status,
        Instant postedAt) {

    public TransferView {
        metadata = Metadata.canonical(metadata);
    }
}
