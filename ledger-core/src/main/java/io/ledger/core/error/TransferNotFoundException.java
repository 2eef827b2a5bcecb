package io.ledger.core.error;

/** The named transfer does not exist. */
public final class TransferNotFoundException extends LedgerException {
    public TransferNotFoundException(String message) {
        super(LedgerErrorCode.TRANSFER_NOT_FOUND, message);
    }
}
