package io.ledger.core.account;

public record FindAccountQuery(String accountId) {
}
