package io.ledger.core.statement;

/** Balances computed over a set of statement entries, with the position of the latest event among them. */
public record BalanceSnapshot(String accountId, String currency, long postedMinor, long pendingDebitsMinor,
                              long pendingCreditsMinor, long position) {
}
