package io.ledger.core.error;

/** A currency code is unknown or not a monetary currency (XAU, XTS, ...). */
public final class UnsupportedCurrencyException extends LedgerException {
    public UnsupportedCurrencyException(String message) {
        super(LedgerErrorCode.UNSUPPORTED_CURRENCY, message);
    }
}
