package io.ledger.api.web;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.ledger.core.money.Amounts;
import io.ledger.core.transfer.BatchableCommand;
import io.ledger.core.transfer.ExecuteBatchCommand;
import io.ledger.core.transfer.PlaceHoldCommand;
import io.ledger.core.transfer.PostHoldCommand;
import io.ledger.core.transfer.TransferFundsCommand;
import io.ledger.core.transfer.VoidHoldCommand;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@Schema(description = "Up to the configured maximum (default 1000) of transfers, holds, posts and voids in one "
        + "database transaction. With \"atomic\": true all succeed or nothing is written.")
public record BatchRequest(
        @Schema(description = "All or nothing", requiredMode = Schema.RequiredMode.REQUIRED) Boolean atomic,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Item> items) {

    /**
     * One batch item; {@code type} says which. The subtypes are listed explicitly (never resolved from class
     * names), so a request cannot make the parser instantiate anything else.
     */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = TransferItem.class, name = "transfer"),
            @JsonSubTypes.Type(value = HoldItem.class, name = "hold"),
            @JsonSubTypes.Type(value = PostItem.class, name = "post"),
            @JsonSubTypes.Type(value = VoidItem.class, name = "void")})
    public sealed interface Item permits TransferItem, HoldItem, PostItem, VoidItem {
        BatchableCommand toCommand(Instant now);
    }

    public record TransferItem(String id, String debitAccountId, String creditAccountId, String amount,
                               String currency, Map<String, String> metadata, Instant effectiveAt) implements Item {
        @Override
        public BatchableCommand toCommand(Instant now) {
            requireMovement(id, debitAccountId, creditAccountId, amount, currency);
            return new TransferFundsCommand(id, debitAccountId, creditAccountId, Amounts.parseMinor(amount, currency),
                    currency, metadata, effectiveAt, now);
        }
    }

    public record HoldItem(String id, String debitAccountId, String creditAccountId, String amount,
                           String currency, Map<String, String> metadata, Long timeoutSeconds,
                           Instant expiresAt) implements Item {
        @Override
        public BatchableCommand toCommand(Instant now) {
            requireMovement(id, debitAccountId, creditAccountId, amount, currency);
            return new PlaceHoldCommand(id, debitAccountId, creditAccountId, Amounts.parseMinor(amount, currency),
                    currency, metadata, timeoutSeconds, expiresAt, now);
        }
    }

    public record PostItem(String transferId, String amount) implements Item {
        @Override
        public BatchableCommand toCommand(Instant now) {
            return new PostHoldCommand(ApiRequests.required(transferId, "transferId"), amount, now);
        }
    }

    public record VoidItem(String transferId) implements Item {
        @Override
        public BatchableCommand toCommand(Instant now) {
            return new VoidHoldCommand(ApiRequests.required(transferId, "transferId"), now);
        }
    }

    ExecuteBatchCommand toCommand(Instant now) {
        ApiRequests.required(atomic, "atomic");
        ApiRequests.required(items, "items");
        List<BatchableCommand> commands = new ArrayList<>(items.size());
        for (Item item : items) {
            commands.add(ApiRequests.required(item, "items[]").toCommand(now));
        }
        return new ExecuteBatchCommand(commands, atomic);
    }

    private static void requireMovement(String id, String debitAccountId, String creditAccountId, String amount,
                                        String currency) {
        ApiRequests.required(id, "id");
        ApiRequests.required(debitAccountId, "debitAccountId");
        ApiRequests.required(creditAccountId, "creditAccountId");
        ApiRequests.required(amount, "amount");
        ApiRequests.required(currency, "currency");
    }
}
