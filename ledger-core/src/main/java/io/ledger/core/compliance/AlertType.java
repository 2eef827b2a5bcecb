package io.ledger.core.compliance;

/** The rule that raised a compliance alert. */
public enum AlertType {
    /** One transfer at or above the large-transaction threshold. */
    LARGE_TRANSACTION,
    /** Several transfers each below the threshold that together reach it within the structuring window. */
    STRUCTURING,
    /** More outgoing transfers from one account within the velocity window than the rules allow. */
    VELOCITY,
    /** A refused attempt that named a frozen or closed account. */
    REFUSED_ON_FROZEN_OR_CLOSED,
    /** The Nth refusal for insufficient funds on the same debit account within the window. */
    REPEATED_INSUFFICIENT_FUNDS
}
