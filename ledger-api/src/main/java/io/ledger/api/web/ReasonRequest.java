package io.ledger.api.web;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "Why an account's state changes; recorded with the event for auditors.")
public record ReasonRequest(
        @Schema(example = "Suspected fraud, case 4711", requiredMode = Schema.RequiredMode.REQUIRED) String reason) {
}
