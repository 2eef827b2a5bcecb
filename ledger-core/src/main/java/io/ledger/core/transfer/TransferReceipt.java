package io.ledger.core.transfer;

import io.ledger.core.Metadata;

import java.time.Instant;
import java.util.Map;

/**
 * The result of creating a transfer, a hold or a reversal: the transfer as it was created. Identical for the
 * original call and every repeat with the same content, whatever happened to the transfer since.
 *
 * @param reversalOf the original transfer's id for a reversal, otherwise null
 * @param expiresAt  when a hold expires, otherwise null
 * @param effectiveAt the value date of a back-dated transfer, otherwise null (effective when created)
 */
public record TransferReceipt(
        String transferId,
        TransferKind kind,
        String debitAccountId,
        String creditAccountId,
        long amountMinor,
        String currency,
        Map<String, String> metadata,
        TransferStatus status,
        String reversalOf,
        Instant expiresAt,
        Instant createdAt,
        Instant effectiveAt) {

    public TransferReceipt {
        metadata = Metadata.canonical(metadata);
    }

    /** A receipt of something effective when it was created. */
    public TransferReceipt(String transferId, TransferKind kind, String debitAccountId, String creditAccountId,
                           long amountMinor, String currency, Map<String, String> metadata, TransferStatus status,
                           String reversalOf, Instant expiresAt, Instant createdAt) {
        this(transferId, kind, debitAccountId, creditAccountId, amountMinor, currency, metadata, status, reversalOf,
                expiresAt, createdAt, null);
    }
}
