package io.ledger.command;

/**
 * Event-stream (aggregate) identifiers. Accounts and transfers share one event table whose key is
 * (aggregate identifier, sequence number), and clients choose both kinds of id, so an account "x" and a transfer
 * "x" must not land in the same stream: each kind gets its own prefix.
 */
public final class StreamIds {

    public static final String ACCOUNT_PREFIX = "account:";
    public static final String TRANSFER_PREFIX = "transfer:";

    private StreamIds() {
    }

    public static String account(String accountId) {
        return ACCOUNT_PREFIX + accountId;
    }

    public static String transfer(String transferId) {
        return TRANSFER_PREFIX + transferId;
    }
}
