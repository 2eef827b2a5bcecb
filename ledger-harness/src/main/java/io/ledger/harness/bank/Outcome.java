package io.ledger.harness.bank;

/** What a client learnt about an operation, after all its retries. */
public enum Outcome {
    /** Answered 2xx: the ledger promised it happened. */
    ACKNOWLEDGED,
    /** Answered 4xx: the ledger promised it did not happen. */
    REFUSED,
    /** No definite answer (connection errors, timeouts, 5xx) before the client gave up: either may be true. */
    UNKNOWN
}
