package io.ledger.api.web;

import io.ledger.core.transfer.ReverseTransferCommand;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;

@Schema(description = "Reverses all or part of a posted transfer with a new transfer in the opposite direction. "
        + "Repeating the same request returns the original reversal (200).")
public record ReverseRequest(
        @Schema(description = "Client-chosen id of the reversal transfer", example = "refund-1001",
                requiredMode = Schema.RequiredMode.REQUIRED) String id,
        @Schema(description = "Decimal string in the original's currency; default: the whole original amount",
                example = "10.00") String amount,
        Map<String, String> metadata) {

    ReverseTransferCommand toCommand(String originalTransferId) {
        ApiRequests.required(id, "id");
        return new ReverseTransferCommand(id, originalTransferId, amount, metadata);
    }
}
