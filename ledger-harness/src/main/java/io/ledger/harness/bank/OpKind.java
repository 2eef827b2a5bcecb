package io.ledger.harness.bank;

/** What a bank-test client asks of the ledger. */
public enum OpKind {
    /** A plain transfer, posted at once; its id names a new transfer stream. */
    TRANSFER,
    /** A hold (pending transfer); its id names a new transfer stream. */
    HOLD,
    /** Posting a hold, in full or in part; identified by the hold's id (each hold is resolved by one request). */
    POST,
    /** Voiding a hold; identified by the hold's id. */
    VOID,
    /** A reversal of an acknowledged transfer; its own id names a new transfer stream. */
    REVERSAL;

    /** Whether the operation creates a stream of its own (rather than resolving an existing hold). */
    public boolean createsStream() {
        return this == TRANSFER || this == HOLD || this == REVERSAL;
    }
}
