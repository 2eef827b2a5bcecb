package io.ledger.api.web;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "A new overdraft rule: either a limit or unlimited, with a reason.")
public record OverdraftLimitRequest(
        @Schema(description = "How far below zero the balance may go, as a decimal string", example = "50.00")
        String overdraftLimit,
        @Schema(description = "True for system accounts whose balance may go negative without bound")
        Boolean unlimitedOverdraft,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String reason) {
}
