package io.ledger.ops.audit;

/** The events cannot be replayed as stored: the store or a view is inconsistent in a way the tool names. */
public final class ReplayException extends RuntimeException {

    public ReplayException(String message, Throwable cause) {
        super(message, cause);
    }

    public ReplayException(String message) {
        super(message);
    }
}
