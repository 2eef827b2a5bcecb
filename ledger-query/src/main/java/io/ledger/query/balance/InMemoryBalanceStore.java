package io.ledger.query.balance;

import io.ledger.core.account.AccountView;
import io.ledger.core.transfer.TransferView;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The balance view held in memory: for projection tests and for replays that must not touch a database. */
public final class InMemoryBalanceStore implements BalanceStore {

    private final Map<String, AccountView> accounts = new TreeMap<>();
    private final Map<String, TransferView> transfers = new TreeMap<>();

    @Override
    public synchronized void insertAccount(AccountView account) {
        if (accounts.putIfAbsent(account.accountId(), account) != null) {
            throw new IllegalStateException("Account " + account.accountId() + " projected twice");
        }
    }

    @Override
    public synchronized void recordPostedTransfer(TransferView transfer) {
        // Every check before any change: this store has no transaction to undo half a posting.
        if (transfers.containsKey(transfer.transferId())) {
            throw new IllegalStateException("Transfer " + transfer.transferId() + " projected twice");
        }
        AccountView debit = existing(transfer.debitAccountId());
        AccountView credit = existing(transfer.creditAccountId());
        long debitAfter = Math.subtractExact(debit.postedMinor(), transfer.amountMinor());
        long creditAfter = Math.addExact(credit.postedMinor(), transfer.amountMinor());
        transfers.put(transfer.transferId(), transfer);
        accounts.put(debit.accountId(), withPosted(debit, debitAfter));
        accounts.put(credit.accountId(), withPosted(credit, creditAfter));
    }

    private AccountView existing(String accountId) {
        AccountView account = accounts.get(accountId);
        if (account == null) {
            throw new IllegalStateException("Posting to unknown account " + accountId);
        }
        return account;
    }

    private static AccountView withPosted(AccountView account, long postedMinor) {
        return new AccountView(account.accountId(), account.currency(), account.name(),
                account.overdraftLimitMinor(), account.unlimitedOverdraft(), postedMinor, account.openedAt());
    }

    @Override
    public synchronized Optional<AccountView> findAccount(String accountId) {
        return Optional.ofNullable(accounts.get(accountId));
    }

    @Override
    public synchronized Optional<TransferView> findTransfer(String transferId) {
        return Optional.ofNullable(transfers.get(transferId));
    }

    @Override
    public synchronized List<AccountView> allAccounts() {
        return new ArrayList<>(accounts.values());
    }

    @Override
    public synchronized void clear() {
        accounts.clear();
        transfers.clear();
    }
}
