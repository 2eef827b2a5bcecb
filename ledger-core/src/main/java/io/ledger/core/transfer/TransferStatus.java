package io.ledger.core.transfer;

public enum TransferStatus {
    /** A hold that reserves its amount and awaits its one outcome. */
    PENDING,
    /** Both legs are final. */
    POSTED,
    /** A hold released by request; nothing moved. */
    VOIDED,
    /** A hold released because its time ran out; nothing moved. */
    EXPIRED
}
