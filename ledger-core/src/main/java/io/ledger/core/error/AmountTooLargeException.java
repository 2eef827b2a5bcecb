package io.ledger.core.error;

/** An amount is above the configured maximum for its currency. */
public final class AmountTooLargeException extends LedgerException {
    public AmountTooLargeException(String message) {
        super(LedgerErrorCode.AMOUNT_TOO_LARGE, message);
    }
}
