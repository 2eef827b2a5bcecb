package io.ledger.core.account;

/** Which side of a transfer an account is on: money leaves a DEBIT account and arrives on a CREDIT account. */
public enum LegSide {
    DEBIT,
    CREDIT
}
