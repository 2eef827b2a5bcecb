package io.ledger.query.rebuild;

import io.ledger.core.account.AccountStatus;
import io.ledger.core.account.AccountView;
import io.ledger.core.transfer.TransferStatus;
import io.ledger.core.transfer.TransferView;
import io.ledger.query.balance.BalanceStore;
import io.ledger.query.balance.JdbcBalanceStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The balance store a rebuild writes through. A rebuild is the only writer of its table set and nobody reads the
 * set until it is switched to, so instead of a few statements per event (one round trip each, the whole cost of a
 * rebuild) it keeps what it needs in memory and writes each chunk's rows in a few JDBC batches
 * ({@link #writeChunk}), and the accounts once at the end ({@link #writeAccounts}).
 *
 * <p>In memory: every account (the view's own size, not the store's), and the transfer records the current chunk
 * touched plus the holds still pending, the only ones a later event can change without reading them back. Older
 * records are read from the tables when a later event names them (a reversal of last month's transfer).
 *
 * <p>It refuses what {@link BalanceStore} refuses, at the event that breaks the rule: an unknown account, a hold
 * that is not pending, a transfer recorded twice within a chunk. A transfer recorded again after its chunk was
 * written is only seen when the next chunk is written (one query per chunk, not one per event), before any row is
 * written; the memory then no longer matches the tables, so the store refuses all further use and the rebuild has
 * to start again. (The event store cannot hold such a pair, a transfer's id being its stream's: this is a guard.)
 */
public final class BufferedRebuildBalanceStore implements BalanceStore {

    private final JdbcBalanceStore tables;
    private final Map<String, AccountView> accounts = new HashMap<>();
    private final Set<String> accountsToInsert = new LinkedHashSet<>();
    private final Set<String> accountsToOverwrite = new LinkedHashSet<>();
    private final Map<String, TransferView> transfers = new HashMap<>();
    private final Set<String> transfersToInsert = new LinkedHashSet<>();
    private final Set<String> transfersToOverwrite = new LinkedHashSet<>();
    private RuntimeException failed;

    public BufferedRebuildBalanceStore(JdbcBalanceStore tables) {
        this.tables = tables;
    }

    /** Writes everything changed since the last write: the chunk's transfers and the accounts. */
    public void flush() {
        writeChunk();
        writeAccounts();
    }

    /**
     * Writes the transfer records the chunk added or changed, in the caller's transaction, and forgets transfers no
     * later event can change. Accounts are not written: every account stays in memory, nothing reads their rows
     * during a rebuild, so a rebuild writes each account once, at its end ({@link #writeAccounts}), instead of
     * overwriting most accounts after every chunk.
     */
    public void writeChunk() {
        guarded(() -> {
            refuseTransfersRecordedBefore();
            writeTransfers();
        });
    }

    /** Writes every account changed since the last call, in the caller's transaction. */
    public void writeAccounts() {
        guarded(() -> {
            tables.insertAccounts(accountsIn(accountsToInsert));
            tables.overwriteAccounts(accountsIn(accountsToOverwrite));
            accountsToInsert.clear();
            accountsToOverwrite.clear();
        });
    }

    private void guarded(Runnable write) {
        requireUsable();
        try {
            write.run();
        } catch (RuntimeException failure) {
            failed = failure;
            throw failure;
        }
    }

    private void refuseTransfersRecordedBefore() {
        List<String> again = tables.storedTransferIds(transfersToInsert);
        if (!again.isEmpty()) {
            throw new IllegalStateException("Transfer " + again.get(0) + " projected twice (" + again.size()
                    + " of this chunk were recorded by an earlier one)");
        }
    }

    private void writeTransfers() {
        tables.insertTransfers(transfersIn(transfersToInsert));
        tables.overwriteTransfers(transfersIn(transfersToOverwrite));
        transfersToInsert.clear();
        transfersToOverwrite.clear();
        transfers.values().removeIf(transfer -> transfer.status() != TransferStatus.PENDING);
    }

    @Override
    public void insertAccount(AccountView account) {
        requireUsable();
        if (accounts.putIfAbsent(account.accountId(), account) != null) {
            throw new IllegalStateException("Account " + account.accountId() + " projected twice");
        }
        accountsToInsert.add(account.accountId());
    }

    @Override
    public void updateStatus(String accountId, AccountStatus status) {
        AccountView a = existing(accountId);
        changed(new AccountView(a.accountId(), a.currency(), a.name(), a.overdraftLimitMinor(),
                a.unlimitedOverdraft(), status, a.postedMinor(), a.pendingDebitsMinor(), a.pendingCreditsMinor(),
                a.openedAt()));
    }

    @Override
    public void updateOverdraftLimit(String accountId, long overdraftLimitMinor, boolean unlimitedOverdraft) {
        AccountView a = existing(accountId);
        changed(new AccountView(a.accountId(), a.currency(), a.name(), overdraftLimitMinor, unlimitedOverdraft,
                a.status(), a.postedMinor(), a.pendingDebitsMinor(), a.pendingCreditsMinor(), a.openedAt()));
    }

    @Override
    public void recordPostedTransfer(TransferView transfer) {
        record(transfer, transfer.amountMinor(), 0);
    }

    @Override
    public void recordHold(TransferView hold) {
        record(hold, 0, hold.amountMinor());
    }

    @Override
    public void resolveHold(String transferId, TransferStatus outcome, long postedMinor, Instant resolvedAt) {
        TransferView hold = findTransfer(transferId)
                .filter(found -> found.status() == TransferStatus.PENDING)
                .orElseThrow(() -> new IllegalStateException("Transfer " + transferId + " is not a pending hold"));
        long held = hold.amountMinor();
        AccountView debit = existing(hold.debitAccountId()).plus(-postedMinor, -held, 0);
        AccountView credit = existing(hold.creditAccountId()).plus(postedMinor, 0, -held);
        changed(debit);
        changed(credit);
        changed(new TransferView(hold.transferId(), hold.kind(), hold.debitAccountId(), hold.creditAccountId(),
                hold.amountMinor(), postedMinor, hold.reversedMinor(), hold.currency(), hold.metadata(), outcome,
                hold.reversalOf(), hold.expiresAt(), hold.createdAt(), resolvedAt, hold.recordedBy()));
    }

    @Override
    public void updateReversed(String transferId, long totalReversedMinor) {
        requireUsable();
        TransferView t = findTransfer(transferId)
                .orElseThrow(() -> new IllegalStateException("Reversal of unknown transfer " + transferId));
        changed(new TransferView(t.transferId(), t.kind(), t.debitAccountId(), t.creditAccountId(), t.amountMinor(),
                t.postedMinor(), totalReversedMinor, t.currency(), t.metadata(), t.status(), t.reversalOf(),
                t.expiresAt(), t.createdAt(), t.resolvedAt(), t.recordedBy()));
    }

    @Override
    public Optional<AccountView> findAccount(String accountId) {
        return Optional.ofNullable(accounts.get(accountId));
    }

    /** From memory, else from the tables (a record of an earlier chunk), remembered until the chunk is written. */
    @Override
    public Optional<TransferView> findTransfer(String transferId) {
        TransferView remembered = transfers.get(transferId);
        if (remembered != null) {
            return Optional.of(remembered);
        }
        Optional<TransferView> stored = tables.findTransfer(transferId);
        stored.ifPresent(found -> transfers.put(transferId, found));
        return stored;
    }

    @Override
    public List<AccountView> allAccounts() {
        List<AccountView> all = new ArrayList<>(accounts.values());
        all.sort(Comparator.comparing(AccountView::accountId));
        return all;
    }

    /** Only what earlier chunks wrote: no rebuild asks for due holds; the live view's expiry does. */
    @Override
    public List<String> dueHolds(Instant now, int limit) {
        return tables.dueHolds(now, limit);
    }

    @Override
    public void clear() {
        tables.clear();
        failed = null;
        accounts.clear();
        accountsToInsert.clear();
        accountsToOverwrite.clear();
        transfers.clear();
        transfersToInsert.clear();
        transfersToOverwrite.clear();
    }

    private void record(TransferView transfer, long postedMinor, long heldMinor) {
        if (transfers.containsKey(transfer.transferId())) {
            throw new IllegalStateException("Transfer " + transfer.transferId() + " projected twice");
        }
        AccountView debit = existing(transfer.debitAccountId()).plus(-postedMinor, heldMinor, 0);
        AccountView credit = existing(transfer.creditAccountId()).plus(postedMinor, 0, heldMinor);
        changed(debit);
        changed(credit);
        transfers.put(transfer.transferId(), transfer);
        transfersToInsert.add(transfer.transferId());
    }

    private void requireUsable() {
        if (failed != null) {
            throw new IllegalStateException("This rebuild's store failed to write a chunk; start the rebuild again",
                    failed);
        }
    }

    private void changed(AccountView account) {
        accounts.put(account.accountId(), account);
        if (!accountsToInsert.contains(account.accountId())) {
            accountsToOverwrite.add(account.accountId());
        }
    }

    /** A record of this chunk is inserted with its last state; one of an earlier chunk is overwritten. */
    private void changed(TransferView transfer) {
        transfers.put(transfer.transferId(), transfer);
        if (!transfersToInsert.contains(transfer.transferId())) {
            transfersToOverwrite.add(transfer.transferId());
        }
    }

    private AccountView existing(String accountId) {
        requireUsable();
        AccountView account = accounts.get(accountId);
        if (account == null) {
            throw new IllegalStateException("Posting to unknown account " + accountId);
        }
        return account;
    }

    private List<AccountView> accountsIn(Set<String> ids) {
        List<AccountView> views = new ArrayList<>(ids.size());
        ids.forEach(id -> views.add(accounts.get(id)));
        return views;
    }

    private List<TransferView> transfersIn(Set<String> ids) {
        List<TransferView> views = new ArrayList<>(ids.size());
        ids.forEach(id -> views.add(transfers.get(id)));
        return views;
    }
}
