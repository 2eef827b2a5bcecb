package io.ledger.core.error;

/**
 * Stable, machine-readable reasons for refusing a request. Clients branch on these codes, so a code is never
 * renamed or reused once released; new refusals get new codes. The HTTP layer maps each {@link Kind} to one
 * status in one place.
 */
public enum LedgerErrorCode {
    MALFORMED_REQUEST(Kind.MALFORMED),
    MALFORMED_AMOUNT(Kind.MALFORMED),
    INVALID_ID(Kind.MALFORMED),
    INVALID_NAME(Kind.MALFORMED),
    INVALID_METADATA(Kind.MALFORMED),
    METADATA_TOO_LARGE(Kind.MALFORMED),
    INVALID_REASON(Kind.MALFORMED),
    INVALID_BATCH(Kind.MALFORMED),
    BATCH_TOO_LARGE(Kind.MALFORMED),
    INVALID_TIMESTAMP(Kind.MALFORMED),
    INVALID_CURSOR(Kind.MALFORMED),
    INVALID_PAGE_SIZE(Kind.MALFORMED),
    INVALID_ALERT_TYPE(Kind.MALFORMED),
    INVALID_ALERT_STATUS(Kind.MALFORMED),
    /** An {@code X-Request-Id} or {@code X-Correlation-Id} header that is not a short token of safe characters. */
    INVALID_REQUEST_ID(Kind.MALFORMED),

    INVALID_AMOUNT(Kind.REFUSED),
    AMOUNT_TOO_LARGE(Kind.REFUSED),
    UNSUPPORTED_CURRENCY(Kind.REFUSED),
    CURRENCY_MISMATCH(Kind.REFUSED),
    SAME_ACCOUNT(Kind.REFUSED),
    INSUFFICIENT_FUNDS(Kind.REFUSED),
    BALANCE_OVERFLOW(Kind.REFUSED),
    INVALID_OVERDRAFT_LIMIT(Kind.REFUSED),
    INVALID_EXPIRY(Kind.REFUSED),
    INVALID_EFFECTIVE_DATE(Kind.REFUSED),
    POST_AMOUNT_EXCEEDS_HOLD(Kind.REFUSED),
    REVERSAL_EXCEEDS_ORIGINAL(Kind.REFUSED),

    ACCOUNT_NOT_FOUND(Kind.NOT_FOUND),
    TRANSFER_NOT_FOUND(Kind.NOT_FOUND),
    RESOURCE_NOT_FOUND(Kind.NOT_FOUND),
    ALERT_NOT_FOUND(Kind.NOT_FOUND),

    ID_CONFLICT(Kind.CONFLICT),
    ACCOUNT_FROZEN(Kind.CONFLICT),
    ACCOUNT_CLOSED(Kind.CONFLICT),
    ACCOUNT_NOT_EMPTY(Kind.CONFLICT),
    NOT_A_HOLD(Kind.CONFLICT),
    HOLD_ALREADY_POSTED(Kind.CONFLICT),
    HOLD_ALREADY_VOIDED(Kind.CONFLICT),
    HOLD_EXPIRED(Kind.CONFLICT),
    TRANSFER_NOT_REVERSIBLE(Kind.CONFLICT),
    /** The compliance alert was already reviewed with other content; like {@link #ID_CONFLICT}, not recorded. */
    ALERT_ALREADY_REVIEWED(Kind.CONFLICT),

    METHOD_NOT_ALLOWED(Kind.PROTOCOL),
    UNSUPPORTED_MEDIA_TYPE(Kind.PROTOCOL),
    NOT_ACCEPTABLE(Kind.PROTOCOL),
    PAYLOAD_TOO_LARGE(Kind.PROTOCOL),
    /** No credentials, or credentials the ledger does not accept (unknown, revoked, expired, badly signed): 401. */
    UNAUTHENTICATED(Kind.PROTOCOL),
    /** The credentials are good but their roles do not include this operation: 403. */
    ACCESS_DENIED(Kind.PROTOCOL),
    /** The caller sent more requests than its rate limit allows; {@code Retry-After} says when to try again: 429. */
    RATE_LIMITED(Kind.PROTOCOL),

    /** Concurrent writers kept colliding on the same accounts; nothing was written and the request may be retried. */
    CONTENTION(Kind.UNAVAILABLE),
    /**
     * The write transaction ran longer than the ledger allows and was cut off; nothing was written and the request
     * may be retried with the same id. Long transactions are cut so that the views never skip their events.
     */
    TRANSACTION_TIMEOUT(Kind.UNAVAILABLE),
    /**
     * Every database connection stayed busy for longer than the ledger waits for one; the request was not
     * processed (a write wrote nothing) and may be retried with the same id.
     */
    STORE_BUSY(Kind.UNAVAILABLE),
    /** The reconciliation check found events that a view skipped: the view is incomplete (operator endpoint). */
    RECONCILIATION_FAILED(Kind.UNAVAILABLE),
    INTERNAL_ERROR(Kind.UNAVAILABLE);

    /** The family a code belongs to; the API turns each family into one HTTP status. */
    public enum Kind {
        /** The request itself is malformed (400). */
        MALFORMED,
        /** The request names something that does not exist (404). */
        NOT_FOUND,
        /** The request conflicts with existing state (409). */
        CONFLICT,
        /** The request is well formed but a business rule refuses it (422). */
        REFUSED,
        /** HTTP-level mismatch (401, 403, 405, 406, 413, 415, 429): the status is chosen by the web layer. */
        PROTOCOL,
        /** The ledger could not complete the request right now; retrying with the same id is safe (503/500). */
        UNAVAILABLE
    }

    private final Kind kind;

    LedgerErrorCode(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * Whether a refusal with this code is a business decision about an otherwise valid request (insufficient
     * funds, a frozen account, an expired hold) rather than a malformed or unknown request or a reused id.
     * Business refusals are recorded as events so that compliance views and auditors see declined attempts.
     */
    public boolean isBusinessRefusal() {
        return kind == Kind.REFUSED
                || (kind == Kind.CONFLICT && this != ID_CONFLICT && this != ALERT_ALREADY_REVIEWED);
    }
}
