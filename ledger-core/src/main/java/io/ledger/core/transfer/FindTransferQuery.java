package io.ledger.core.transfer;

public record FindTransferQuery(String transferId) {
}
