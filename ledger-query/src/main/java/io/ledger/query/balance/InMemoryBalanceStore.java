package io.ledger.query.balance;

import io.ledger.core.account.AccountStatus;
import io.ledger.core.account.AccountView;
import io.ledger.core.transfer.TransferStatus;
import io.ledger.core.transfer.TransferView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The balance view held in memory: for projection tests and for replays that must not touch a database. It has no
 * transaction to undo half an operation, so every operation checks everything before it changes anything.
 */
public final class InMemoryBalanceStore implements BalanceStore {

    // Hash maps: the audit tool's replays look up by id millions of times, and sorted maps' string comparisons
    // were a twentieth of a replay's CPU. Lists come out sorted.
    private final Map<String, AccountView> accounts = new HashMap<>();
    private final Map<String, TransferView> transfers = new HashMap<>();

    @Override
    public synchronized void insertAccount(AccountView account) {
        if (accounts.containsKey(account.accountId())) {
            throw new IllegalStateException("Account " + account.accountId() + " projected twice");
        }
        accounts.put(account.accountId(), account);
    }

    @Override
    public synchronized void updateStatus(String accountId, AccountStatus status) {
        AccountView a = existing(accountId);
        accounts.put(accountId, new AccountView(a.accountId(), a.currency(), a.name(), a.overdraftLimitMinor(),
                a.unlimitedOverdraft(), status, a.postedMinor(), a.pendingDebitsMinor(), a.pendingCreditsMinor(),
                a.openedAt()));
    }

    @Override
    public synchronized void updateOverdraftLimit(String accountId, long overdraftLimitMinor,
                                                  boolean unlimitedOverdraft) {
        AccountView a = existing(accountId);
        accounts.put(accountId, new AccountView(a.accountId(), a.currency(), a.name(), overdraftLimitMinor,
                unlimitedOverdraft, a.status(), a.postedMinor(), a.pendingDebitsMinor(), a.pendingCreditsMinor(),
                a.openedAt()));
    }

    @Override
    public synchronized void recordPostedTransfer(TransferView transfer) {
        requireNew(transfer.transferId());
        AccountView debit = existing(transfer.debitAccountId()).plus(-transfer.amountMinor(), 0, 0);
        AccountView credit = existing(transfer.creditAccountId()).plus(transfer.amountMinor(), 0, 0);
        transfers.put(transfer.transferId(), transfer);
        accounts.put(debit.accountId(), debit);
        accounts.put(credit.accountId(), credit);
    }

    @Override
    public synchronized void recordHold(TransferView hold) {
        requireNew(hold.transferId());
        AccountView debit = existing(hold.debitAccountId()).plus(0, hold.amountMinor(), 0);
        AccountView credit = existing(hold.creditAccountId()).plus(0, 0, hold.amountMinor());
        transfers.put(hold.transferId(), hold);
        accounts.put(debit.accountId(), debit);
        accounts.put(credit.accountId(), credit);
    }

    @Override
    public synchronized void resolveHold(String transferId, TransferStatus outcome, long postedMinor,
                                         Instant resolvedAt) {
        TransferView hold = transfers.get(transferId);
        if (hold == null || hold.status() != TransferStatus.PENDING) {
            throw new IllegalStateException("Transfer " + transferId + " is not a pending hold");
        }
        long held = hold.amountMinor();
        AccountView debit = existing(hold.debitAccountId()).plus(-postedMinor, -held, 0);
        AccountView credit = existing(hold.creditAccountId()).plus(postedMinor, 0, -held);
        transfers.put(transferId, new TransferView(hold.transferId(), hold.kind(), hold.debitAccountId(),
                hold.creditAccountId(), hold.amountMinor(), postedMinor, hold.reversedMinor(), hold.currency(),
                hold.metadata(), outcome, hold.reversalOf(), hold.expiresAt(), hold.createdAt(), resolvedAt,
                hold.recordedBy()));
        accounts.put(debit.accountId(), debit);
        accounts.put(credit.accountId(), credit);
    }

    @Override
    public synchronized void updateReversed(String transferId, long totalReversedMinor) {
        TransferView t = transfers.get(transferId);
        if (t == null) {
            throw new IllegalStateException("Reversal of unknown transfer " + transferId);
        }
        transfers.put(transferId, new TransferView(t.transferId(), t.kind(), t.debitAccountId(),
                t.creditAccountId(), t.amountMinor(), t.postedMinor(), totalReversedMinor, t.currency(),
                t.metadata(), t.status(), t.reversalOf(), t.expiresAt(), t.createdAt(), t.resolvedAt(),
                t.recordedBy()));
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
        List<AccountView> all = new ArrayList<>(accounts.values());
        all.sort(Comparator.comparing(AccountView::accountId));
        return all;
    }

    @Override
    public synchronized List<String> dueHolds(Instant now, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return transfers.values().stream()
                .filter(t -> t.status() == TransferStatus.PENDING && !t.expiresAt().isAfter(now))
                .sorted(Comparator.comparing(TransferView::expiresAt).thenComparing(TransferView::transferId))
                .limit(limit)
                .map(TransferView::transferId)
                .toList();
    }

    @Override
    public synchronized void clear() {
        accounts.clear();
        transfers.clear();
    }

    private void requireNew(String transferId) {
        if (transfers.containsKey(transferId)) {
            throw new IllegalStateException("Transfer " + transferId + " projected twice");
        }
    }

    private AccountView existing(String accountId) {
        AccountView account = accounts.get(accountId);
        if (account == null) {
            throw new IllegalStateException("Posting to unknown account " + accountId);
        }
        return account;
    }
}
