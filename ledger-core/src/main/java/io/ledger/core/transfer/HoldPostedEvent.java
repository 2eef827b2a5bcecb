package io.ledger.core.transfer;

import org.axonframework.serialization.Revision;

/** A hold was posted: {@code postedMinor} moved, {@code releasedMinor} (the rest of the hold) was released. */
@Revision("1")
public record HoldPostedEvent(
        String transferId,
        String debitAccountId,
        String creditAccountId,
        long heldMinor,
        long postedMinor,
        long releasedMinor,
        String currency) {
}
