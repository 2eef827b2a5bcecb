package io.ledger.core.transfer;

public enum TransferStatus {
    /** Both legs are final. */
    POSTED
}
