package io.ledger.core.error;

/** An id was reused with different content; the original stands unchanged. */
public final class IdConflictException extends LedgerException {
    public IdConflictException(String message) {
        super(LedgerErrorCode.ID_CONFLICT, message);
    }
}
