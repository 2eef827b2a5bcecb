package io.ledger.harness.bank;

/** An account the bank test opens: every one starts at zero and may go down to its overdraft limit. */
public record BankAccount(String id, String currency, long overdraftLimitMinor) {
}
