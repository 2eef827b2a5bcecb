package io.ledger.api.web;

import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;
import io.ledger.core.money.Amounts;
import io.ledger.core.transfer.BatchableCommand;
import io.ledger.core.transfer.PlaceHoldCommand;
import io.ledger.core.transfer.TransferFundsCommand;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;

@Schema(description = "Moves money from the debit account to the credit account; both legs commit together. "
        + "With \"pending\": true it places a hold instead, which reserves the amount until it is posted, voided "
        + "or expires. Repeating the same request returns the original transfer (200).")
public record TransferRequest(
        @Schema(description = "Client-chosen id that makes the request idempotent", example = "t-1001",
                requiredMode = Schema.RequiredMode.REQUIRED) String id,
        @Schema(description = "The account money leaves", example = "alice",
                requiredMode = Schema.RequiredMode.REQUIRED) String debitAccountId,
        @Schema(description = "The account money arrives on", example = "bob",
                requiredMode = Schema.RequiredMode.REQUIRED) String creditAccountId,
        @Schema(description = "Decimal string with at most the currency's fraction digits", example = "25.00",
                requiredMode = Schema.RequiredMode.REQUIRED) String amount,
        @Schema(example = "EUR", requiredMode = Schema.RequiredMode.REQUIRED) String currency,
        @Schema(description = "Up to 16 string entries; keys 1-64 of [A-Za-z0-9._-], values up to 256 characters")
        Map<String, String> metadata,
        @Schema(description = "True to place a hold (two-phase transfer)") Boolean pending,
        @Schema(description = "For holds: seconds until the hold expires (exactly one of this and expiresAt)")
        Long timeoutSeconds,
        @Schema(description = "For holds: the instant the hold expires, ISO 8601 with offset")
        Instant expiresAt,
        @Schema(description = "For transfers: a value date earlier than now (back-dating, within the configured "
                + "window), ISO 8601 with offset")
        Instant effectiveAt) {

    BatchableCommand toCommand(Instant now) {
        ApiRequests.required(id, "id");
        ApiRequests.required(debitAccountId, "debitAccountId");
        ApiRequests.required(creditAccountId, "creditAccountId");
        ApiRequests.required(amount, "amount");
        ApiRequests.required(currency, "currency");
        long amountMinor = Amounts.parseMinor(amount, currency);
        if (Boolean.TRUE.equals(pending)) {
            if (effectiveAt != null) {
                throw new LedgerException(LedgerErrorCode.MALFORMED_REQUEST, "Holds take no effectiveAt.");
            }
            return new PlaceHoldCommand(id, debitAccountId, creditAccountId, amountMinor, currency, metadata,
                    timeoutSeconds, expiresAt, now);
        }
        if (timeoutSeconds != null || expiresAt != null) {
            throw new LedgerException(LedgerErrorCode.MALFORMED_REQUEST,
                    "timeoutSeconds and expiresAt apply to holds only (\"pending\": true).");
        }
        return new TransferFundsCommand(id, debitAccountId, creditAccountId, amountMinor, currency, metadata,
                effectiveAt, now);
    }
}
