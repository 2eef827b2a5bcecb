package io.ledger.core;

/**
 * Event-stream (aggregate) identifiers. Accounts, transfers and refusals share one event table whose key is
 * (aggregate identifier, sequence number), and clients choose account and transfer ids, so an account "x" and a
 * transfer "x" must not land in the same stream: each kind gets its own prefix. Commands route to their aggregate
 * by these names (their {@code @TargetAggregateIdentifier} is a {@code streamId()} method), and auditors use them
 * to find a stream.
 */
public final class StreamIds {

    public static final String ACCOUNT_PREFIX = "account:";
    public static final String TRANSFER_PREFIX = "transfer:";
    public static final String REFUSAL_PREFIX = "refusal:";
    public static final String ALERT_REVIEW_PREFIX = "alert-review:";

    private StreamIds() {
    }

    public static String account(String accountId) {
        return ACCOUNT_PREFIX + accountId;
    }

    public static String transfer(String transferId) {
        return TRANSFER_PREFIX + transferId;
    }

    public static String refusal(String refusalId) {
        return REFUSAL_PREFIX + refusalId;
    }

    public static String alertReview(String alertId) {
        return ALERT_REVIEW_PREFIX + alertId;
    }
}
