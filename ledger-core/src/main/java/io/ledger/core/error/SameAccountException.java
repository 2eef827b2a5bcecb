package io.ledger.core.error;

/** A transfer names the same account on both sides. */
public final class SameAccountException extends LedgerException {
    public SameAccountException(String message) {
        super(LedgerErrorCode.SAME_ACCOUNT, message);
    }
}
