package io.ledger.api.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ledger.core.RecordedBy;
import io.ledger.core.money.Amounts;
import io.ledger.core.transfer.TransferKind;
import io.ledger.core.transfer.TransferReceipt;
import io.ledger.core.transfer.TransferStatus;
import io.ledger.core.transfer.TransferView;

import java.time.Instant;
import java.util.Map;

/**
 * A transfer, hold or reversal. The answer to creating one shows it as created; reading it shows it now, with
 * what was posted and reversed since and when a hold was resolved, and who created it ({@code recordedBy}:
 * principal, correlation id, request id). Absent fields do not apply.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TransferResponse(
        String id,
        TransferKind kind,
        String debitAccountId,
        String creditAccountId,
        String amount,
        String currency,
        Map<String, String> metadata,
        TransferStatus status,
        String postedAmount,
        String reversedAmount,
        String reversalOf,
        Instant expiresAt,
        Instant createdAt,
        Instant resolvedAt,
        Instant effectiveAt,
        RecordedBy recordedBy) {

    static TransferResponse of(TransferReceipt receipt) {
        return new TransferResponse(receipt.transferId(), receipt.kind(), receipt.debitAccountId(),
                receipt.creditAccountId(), Amounts.format(receipt.amountMinor(), receipt.currency()),
                receipt.currency(), receipt.metadata(), receipt.status(), null, null, receipt.reversalOf(),
                receipt.expiresAt(), receipt.createdAt(), null, receipt.effectiveAt(), null);
    }

    static TransferResponse of(TransferView view) {
        return new TransferResponse(view.transferId(), view.kind(), view.debitAccountId(), view.creditAccountId(),
                Amounts.format(view.amountMinor(), view.currency()), view.currency(), view.metadata(), view.status(),
                Amounts.format(view.postedMinor(), view.currency()),
                Amounts.format(view.reversedMinor(), view.currency()), view.reversalOf(), view.expiresAt(),
                view.createdAt(), view.resolvedAt(), null, view.recordedBy());
    }
}
