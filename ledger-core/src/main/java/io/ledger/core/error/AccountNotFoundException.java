package io.ledger.core.error;

/** The named account does not exist. */
public final class AccountNotFoundException extends LedgerException {
    public AccountNotFoundException(String message) {
        super(LedgerErrorCode.ACCOUNT_NOT_FOUND, message);
    }
}
