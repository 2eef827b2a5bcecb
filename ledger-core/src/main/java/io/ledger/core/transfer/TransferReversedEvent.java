package io.ledger.core.transfer;

import org.axonframework.serialization.Revision;

/** Recorded on the original transfer's stream: part of it was given back by {@code reversalId}. */
@Revision("1")
public record TransferReversedEvent(
        String transferId,
        String reversalId,
        long amountMinor,
        long totalReversedMinor) {
}
