package io.ledger.core.error;

/** A debit would take an account beyond its overdraft limit. */
public final class InsufficientFundsException extends LedgerException {
    public InsufficientFundsException(String message) {
        super(LedgerErrorCode.INSUFFICIENT_FUNDS, message);
    }
}
