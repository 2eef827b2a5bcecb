package io.ledger.core.transfer;

import java.time.Instant;

/**
 * The one outcome of a hold (posted, voided or expired), as the answer to a post or void. Identical for the
 * original call and every faithful repeat.
 */
public record HoldResolution(
        String transferId,
        String debitAccountId,
        String creditAccountId,
        TransferStatus status,
        long heldMinor,
        long postedMinor,
        long releasedMinor,
        String currency,
        Instant resolvedAt) {
}
