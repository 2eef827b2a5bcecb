package io.ledger.api.web;

import io.ledger.core.money.Amounts;
import io.ledger.core.transfer.HoldResolution;
import io.ledger.core.transfer.TransferStatus;

import java.time.Instant;

/** The one outcome of a hold: what was held, what moved, what was released, and when. */
public record HoldResolutionResponse(
        String id,
        String debitAccountId,
        String creditAccountId,
        TransferStatus status,
        String heldAmount,
        String postedAmount,
        String releasedAmount,
        String currency,
        Instant resolvedAt) {

    static HoldResolutionResponse of(HoldResolution resolution) {
        String currency = resolution.currency();
        return new HoldResolutionResponse(resolution.transferId(), resolution.debitAccountId(),
                resolution.creditAccountId(), resolution.status(), Amounts.format(resolution.heldMinor(), currency),
                Amounts.format(resolution.postedMinor(), currency),
                Amounts.format(resolution.releasedMinor(), currency),
                currency, resolution.resolvedAt());
    }
}
