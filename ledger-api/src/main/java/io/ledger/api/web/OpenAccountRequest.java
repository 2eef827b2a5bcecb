package io.ledger.api.web;

import io.ledger.core.account.OpenAccountCommand;
import io.ledger.core.money.Amounts;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "Opens an account. Repeating the same request returns the original account (200).")
public record OpenAccountRequest(
        @Schema(description = "Client-chosen id: 1-64 of [A-Za-z0-9._-], starting with a letter or digit",
                example = "alice", requiredMode = Schema.RequiredMode.REQUIRED) String id,
        @Schema(description = "ISO 4217 code", example = "EUR", requiredMode = Schema.RequiredMode.REQUIRED)
        String currency,
        @Schema(example = "Alice", requiredMode = Schema.RequiredMode.REQUIRED) String name,
        @Schema(description = "How far below zero the balance may go, as a decimal string; default \"0\"",
                example = "0.00") String overdraftLimit,
        @Schema(description = "True for system accounts (e.g. external settlement) whose balance may go negative "
                + "without bound; excludes overdraftLimit") Boolean unlimitedOverdraft) {

    OpenAccountCommand toCommand() {
        ApiRequests.required(id, "id");
        ApiRequests.required(currency, "currency");
        ApiRequests.required(name, "name");
        long limitMinor = overdraftLimit == null ? 0 : Amounts.parseMinor(overdraftLimit, currency);
        return new OpenAccountCommand(id, currency, name, limitMinor, Boolean.TRUE.equals(unlimitedOverdraft));
    }
}
