package io.ledger.core.transfer;

public enum TransferKind {
    /** Posted at once: both legs final when it is accepted. */
    TRANSFER,
    /** Two-phase: reserves the amount, later posted (in full or in part), voided, or expired. */
    HOLD,
    /** A transfer in the opposite direction that gives back all or part of an earlier one. */
    REVERSAL
}
