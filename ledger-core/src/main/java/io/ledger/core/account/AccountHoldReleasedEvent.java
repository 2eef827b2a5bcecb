package io.ledger.core.account;

import org.axonframework.serialization.Revision;

/**
 * A hold's reservation on this account ended: it was posted (the posted part follows as a debit or credit
 * event), voided, or expired. {@code amountMinor} is the whole reserved amount.
 */
@Revision("1")
public record AccountHoldReleasedEvent(
        String accountId,
        String transferId,
        LegSide side,
        long amountMinor,
        String currency) {
}
