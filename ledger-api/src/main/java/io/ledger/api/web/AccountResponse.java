package io.ledger.api.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ledger.core.account.AccountReceipt;
import io.ledger.core.account.AccountView;
import io.ledger.core.money.Amounts;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/** An account; {@code balance} is present when the account is read, absent in the answer to opening it. */
public record AccountResponse(
        String id,
        String currency,
        String name,
        @Schema(description = "Decimal string; \"0.00\" for unlimited accounts") String overdraftLimit,
        boolean unlimitedOverdraft,
        @JsonInclude(JsonInclude.Include.NON_NULL) BalanceResponse balance,
        Instant openedAt) {

    /** @param posted credits minus debits, as a decimal string */
    public record BalanceResponse(String posted) {
    }

    static AccountResponse of(AccountReceipt receipt) {
        return new AccountResponse(receipt.accountId(), receipt.currency(), receipt.name(),
                Amounts.format(receipt.overdraftLimitMinor(), receipt.currency()), receipt.unlimitedOverdraft(),
                null, receipt.openedAt());
    }

    static AccountResponse of(AccountView view) {
        return new AccountResponse(view.accountId(), view.currency(), view.name(),
                Amounts.format(view.overdraftLimitMinor(), view.currency()), view.unlimitedOverdraft(),
                new BalanceResponse(Amounts.format(view.postedMinor(), view.currency())), view.openedAt());
    }
}
