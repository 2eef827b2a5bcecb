package io.ledger.core.transfer;

import io.ledger.core.Metadata;
import io.ledger.core.RecordedBy;

import java.time.Instant;
import java.util.Map;

/**
 * A transfer as the read side knows it now.
 *
 * @param postedMinor   what actually moved: the amount of a transfer or reversal, the posted part of a hold
 * @param reversedMinor how much of it later reversals gave back
 * @param resolvedAt    when a hold was posted, voided or expired; null while pending and for other kinds
 * @param recordedBy    who created it (principal, correlation and request ids); null for transfers recorded
 *                      before the ledger kept principals
 */
public record TransferView(
        String transferId,
        TransferKind kind,
        String debitAccountId,
        String creditAccountId,
        long amountMinor,
        long postedMinor,
        long reversedMinor,
        String currency,
        Map<String, String> metadata,
        TransferStatus status,
        String reversalOf,
        Instant expiresAt,
        Instant createdAt,
        Instant resolvedAt,
        RecordedBy recordedBy) {

    public TransferView {
        metadata = Metadata.canonical(metadata);
    }

    /** A transfer without a known origin. */
    public TransferView(String transferId, TransferKind kind, String debitAccountId, String creditAccountId,
                        long amountMinor, long postedMinor, long reversedMinor, String currency,
                        Map<String, String> metadata, TransferStatus status, String reversalOf, Instant expiresAt,
                        Instant createdAt, Instant resolvedAt) {
        this(transferId, kind, debitAccountId, creditAccountId, amountMinor, postedMinor, reversedMinor, currency,
                metadata, status, reversalOf, expiresAt, createdAt, resolvedAt, null);
    }
}
