package io.ledger.core.statement;

/** What one statement entry did to its account. */
public enum EntryType {
    /** The account was opened; its balances start at zero. */
    OPENED,
    /** Money left the account (a transfer, a reversal, or the posted part of a hold). */
    DEBIT,
    /** Money arrived on the account. */
    CREDIT,
    /** A hold reserved money on the account as its debit side. */
    PENDING_DEBIT,
    /** A hold announced money for the account as its credit side. */
    PENDING_CREDIT,
    /** A hold's reservation on the debit side ended (posted, voided or expired). */
    PENDING_DEBIT_RELEASED,
    /** A hold's announcement on the credit side ended (posted, voided or expired). */
    PENDING_CREDIT_RELEASED
}
