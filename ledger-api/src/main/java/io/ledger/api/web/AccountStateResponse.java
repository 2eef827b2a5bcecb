package io.ledger.api.web;

import io.ledger.core.account.AccountStateReceipt;
import io.ledger.core.account.AccountStatus;
import io.ledger.core.money.Amounts;

/** An account's state after a lifecycle command. */
public record AccountStateResponse(String id, AccountStatus status, String overdraftLimit,
                                   boolean unlimitedOverdraft) {

    static AccountStateResponse of(AccountStateReceipt receipt) {
        return new AccountStateResponse(receipt.accountId(), receipt.status(),
                Amounts.format(receipt.overdraftLimitMinor(), receipt.currency()), receipt.unlimitedOverdraft());
    }
}
