package io.ledger.core.transfer;

import io.ledger.core.error.LedgerErrorCode;

/**
 * The outcome of one batch item, in the order of the request. A transfer or hold answers with its
 * {@code receipt}, a post or void with its {@code resolution}; a refused item with its {@code code} and
 * {@code message}.
 */
public record BatchItemResult(
        int index,
        String transferId,
        Status status,
        TransferReceipt receipt,
        HoldResolution resolution,
        LedgerErrorCode code,
        String message) {

    public enum Status {
        CREATED,
        REPEATED,
        REFUSED
    }
}
