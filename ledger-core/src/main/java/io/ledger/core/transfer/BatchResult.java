package io.ledger.core.transfer;

import java.util.List;

public record BatchResult(List<BatchItemResult> items) {

    public BatchResult {
        items = List.copyOf(items);
    }
}
