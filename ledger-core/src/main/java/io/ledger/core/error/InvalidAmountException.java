package io.ledger.core.error;

/** An amount is zero, negative, or has more fraction digits than its currency allows. */
public final class InvalidAmountException extends LedgerException {
    public InvalidAmountException(String message) {
        super(LedgerErrorCode.INVALID_AMOUNT, message);
    }
}
