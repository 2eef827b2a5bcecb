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
    public synchronized void applyPosting(String debitAccountId, String creditAccountId, long amountMinor) {
        adjust(debitAccountId, Math.negateExact(amountMinor));
        adjust(creditAccountId, amountMinor);
    }

    private void adjust(String accountId, long deltaMinor) {
        AccountView account = accounts.get(accountId);
        if (account == null) {
            throw new IllegalStateException("Posting to unknown account " + accountId);
        }
        accounts.put(accountId, new AccountView(account.accountId(), account.currency(), account.name(),
                account.overdraftLimitMinor(), account.unlimitedOverdraft(),
                Math.addExact(account.postedMinor(), deltaMinor), account.openedAt()));
    }

    @Override
    public synchronized void insertTransfer(TransferView transfer) {
        if (transfers.putIfAbsent(transfer.transferId(), transfer) != null) {
            throw new IllegalStateException("Transfer " + transfer.transferId() + " projected twice");
        }
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
