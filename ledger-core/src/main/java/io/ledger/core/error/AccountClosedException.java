package io.ledger.core.error;

/** The account is closed, which is final. */
public final class AccountClosedException extends LedgerException {
    public AccountClosedException(String message) {
        super(LedgerErrorCode.ACCOUNT_CLOSED, message);
    }
}
