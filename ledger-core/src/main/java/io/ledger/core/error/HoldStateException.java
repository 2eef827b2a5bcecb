package io.ledger.core.error;

/**
 * A post or void met a transfer that is not a pending hold: a plain transfer ({@code NOT_A_HOLD}), or a hold that
 * already has its one outcome ({@code HOLD_ALREADY_POSTED}, {@code HOLD_ALREADY_VOIDED}, {@code HOLD_EXPIRED}).
 */
public final class HoldStateException extends LedgerException {
    public HoldStateException(LedgerErrorCode code, String message) {
        super(code, message);
    }
}
