package io.ledger.core.error;

/** A transfer's currency differs from an account's currency. */
public final class CurrencyMismatchException extends LedgerException {
    public CurrencyMismatchException(String message) {
        super(LedgerErrorCode.CURRENCY_MISMATCH, message);
    }
}
