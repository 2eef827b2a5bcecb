package io.ledger.api.web;

import io.ledger.core.money.Amounts;
import io.ledger.core.transfer.TransferReceipt;
import io.ledger.core.transfer.TransferStatus;
import io.ledger.core.transfer.TransferView;

import java.time.Instant;
import java.util.Map;

public record TransferResponse(
        String id,
        String debitAccountId,
        String creditAccountId,
        String amount,
        String currency,
        Map<String, String> metadata,
        TransferStatus status,
        Instant postedAt) {

    static TransferResponse of(TransferReceipt receipt) {
        return new TransferResponse(receipt.transferId(), receipt.debitAccountId(), receipt.creditAccountId(),
                Amounts.format(receipt.amountMinor(), receipt.currency()), receipt.currency(), receipt.metadata(),
                receipt.status(), receipt.postedAt());
    }

    static TransferResponse of(TransferView view) {
        return new TransferResponse(view.transferId(), view.debitAccountId(), view.creditAccountId(),
                Amounts.format(view.amountMinor(), view.currency()), view.currency(), view.metadata(),
                view.status(), view.postedAt());
    }
}
