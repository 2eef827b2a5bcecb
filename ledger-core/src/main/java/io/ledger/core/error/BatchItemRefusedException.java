package io.ledger.core.error;

/** An atomic batch was refused because of one item; nothing of the batch was written. */
public final class BatchItemRefusedException extends LedgerException {

    private final int itemIndex;

    public BatchItemRefusedException(int itemIndex, LedgerException refusal) {
        super(refusal.code(), "Item " + itemIndex + ": " + refusal.getMessage());
        this.itemIndex = itemIndex;
    }

    public int itemIndex() {
        return itemIndex;
    }
}
