package io.ledger.core.error;

/**
 * A refusal with a stable {@link LedgerErrorCode}. Messages are for humans and may change; code is for machines.
 * Messages never contain internal class names or stack details, because the HTTP layer shows them to clients.
 */
public class LedgerException extends RuntimeException {

    private final LedgerErrorCode code;

    public LedgerException(LedgerErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public LedgerErrorCode code() {
        return code;
    }
}
