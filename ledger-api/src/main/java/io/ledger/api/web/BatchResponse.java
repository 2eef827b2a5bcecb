package io.ledger.api.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ledger.core.transfer.BatchItemResult;
import io.ledger.core.transfer.BatchResult;

import java.util.List;

/** One result per item, in the order of the request. */
public record BatchResponse(List<ItemResponse> items) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemResponse(int index, String id, BatchItemResult.Status status, TransferResponse transfer,
                               HoldResolutionResponse resolution, String code, String detail) {
    }

    static BatchResponse of(BatchResult result) {
        return new BatchResponse(result.items().stream().map(item -> new ItemResponse(item.index(),
                item.transferId(), item.status(),
                item.receipt() == null ? null : TransferResponse.of(item.receipt()),
                item.resolution() == null ? null : HoldResolutionResponse.of(item.resolution()),
                item.code() == null ? null : item.code().name(), item.message())).toList());
    }
}
