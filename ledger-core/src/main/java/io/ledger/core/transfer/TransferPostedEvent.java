package io.ledger.core.transfer;

import io.ledger.core.Metadata;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Map;

/**
 * A transfer was posted: both legs are final. Carries everything a projection or an auditor needs, so that no
 * reader has to look anything up. {@code effectiveAt} is its value date when it was back-dated, otherwise null
 * (effective when recorded); events written before value dates existed read back with null.
 */
@Revision("1")
public record TransferPostedEvent(
        String transferId,
        String debitAccountId,
        String creditAccountId,
        long amountMinor,
        String currency,
        Map<String, String> metadata,
        Instant effectiveAt) {

    public TransferPostedEvent {
        metadata = Metadata.canonical(metadata);
    }

    /** A transfer effective when it was recorded. */
    public TransferPostedEvent(String transferId, String debitAccountId, String creditAccountId, long amountMinor,
                               String currency, Map<String, String> metadata) {
        this(transferId, debitAccountId, creditAccountId, amountMinor, currency, metadata, null);
    }
}
