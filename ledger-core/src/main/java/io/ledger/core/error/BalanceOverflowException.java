package io.ledger.core.error;

/** A balance would leave the range of a signed 64-bit count of minor units. */
public final class BalanceOverflowException extends LedgerException {
    public BalanceOverflowException(String message) {
        super(LedgerErrorCode.BALANCE_OVERFLOW, message);
    }
}
