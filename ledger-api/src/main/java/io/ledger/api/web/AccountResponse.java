package io.ledger.api.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ledger.core.account.AccountReceipt;
import io.ledger.core.account.AccountStatus;
import io.ledger.core.account.AccountView;
import io.ledger.core.money.Amounts;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/**
 * An account. {@code status} and {@code balance} are present when the account is read, absent in the answer to
 * opening it (which is the same for every repeat).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountResponse(
        String id,
        String currency,
        String name,
        @Schema(description = "Decimal string; \"0.00\" for unlimited accounts") String overdraftLimit,
        boolean unlimitedOverdraft,
        AccountStatus status,
        BalanceResponse balance,
        Instant openedAt) {

    /**
     * @param posted         credits minus debits
     * @param pendingDebits  reserved by holds on this account as their debit side
     * @param pendingCredits announced by holds on this account as their credit side
     * @param available      posted minus pending debits: what a debit may use before the overdraft limit
     */
    public record BalanceResponse(String posted, String pendingDebits, String pendingCredits, String available) {
    }

    static AccountResponse of(AccountReceipt receipt) {
        return new AccountResponse(receipt.accountId(), receipt.currency(), receipt.name(),
                Amounts.format(receipt.overdraftLimitMinor(), receipt.currency()), receipt.unlimitedOverdraft(),
                null, null, receipt.openedAt());
    }

    static AccountResponse of(AccountView view) {
        String currency = view.currency();
        return new AccountResponse(view.accountId(), currency, view.name(),
                Amounts.format(view.overdraftLimitMinor(), currency), view.unlimitedOverdraft(), view.status(),
                new BalanceResponse(Amounts.format(view.postedMinor(), currency),
                        Amounts.format(view.pendingDebitsMinor(), currency),
                        Amounts.format(view.pendingCreditsMinor(), currency),
                        Amounts.format(view.availableMinor(), currency)),
                view.openedAt());
    }
}
