package io.ledger.query.balance;

import io.ledger.core.account.AccountView;
import io.ledger.core.transfer.TransferView;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every account row of a store and the transfer rows under the given ids (absent ones included), to show that a
 * refused operation changed no row: take one before and one after, and compare.
 */
record BalanceRows(List<AccountView> accounts, Map<String, Optional<TransferView>> transfers) {

    static BalanceRows of(BalanceStore store, List<String> transferIds) {
        Map<String, Optional<TransferView>> transfers = new LinkedHashMap<>();
        transferIds.forEach(id -> transfers.put(id, store.findTransfer(id)));
        return new BalanceRows(store.allAccounts(), transfers);
    }

    static BalanceRows of(BalanceStore store, String... transferIds) {
        return of(store, List.of(transferIds));
    }

    long postedSumMinor() {
        return accounts.stream().mapToLong(AccountView::postedMinor).sum();
    }

    long pendingDebitsSumMinor() {
        return accounts.stream().mapToLong(AccountView::pendingDebitsMinor).sum();
    }

    long pendingCreditsSumMinor() {
        return accounts.stream().mapToLong(AccountView::pendingCreditsMinor).sum();
    }
}
