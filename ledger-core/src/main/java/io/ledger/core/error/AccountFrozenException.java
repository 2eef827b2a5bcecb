package io.ledger.core.error;

/** The account is frozen: no new transfers, holds or reversals may touch it. */
public final class AccountFrozenException extends LedgerException {
    public AccountFrozenException(String message) {
        super(LedgerErrorCode.ACCOUNT_FROZEN, message);
    }
}
