package io.ledger.core.transfer;

import io.ledger.core.Metadata;
import org.axonframework.serialization.Revision;

import java.util.Map;

/**
 * A transfer was posted: both legs are final. Carries everything a projection or an auditor needs, so that no
 * reader has to look anything up.
 */
@Revision("1")
public record TransferPostedEvent(
        String transferId,
        String debitAccountId,
        String creditAccountId,
        long amountMinor,
        String currency,
        Map<String, String> metadata) {

    public TransferPostedEvent {
        metadata = Metadata.canonical(metadata);
    }
}
