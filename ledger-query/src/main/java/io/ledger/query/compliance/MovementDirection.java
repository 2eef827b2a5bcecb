package io.ledger.query.compliance;

/** Which side of a movement an account was on; refusals for insufficient funds are kept as their own kind. */
public enum MovementDirection {
    DEBIT,
    CREDIT,
    INSUFFICIENT_FUNDS
}
