package io.ledger.api.web;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "Posts a hold. Without an amount the whole hold is posted; with a smaller one, the rest is "
        + "released.")
public record PostHoldRequest(
        @Schema(description = "Decimal string in the hold's currency, at most the held amount", example = "20.00")
        String amount) {
}
