package io.ledger.query.balance;

import io.ledger.core.account.AccountStatus;
import io.ledger.core.account.AccountView;
import io.ledger.core.transfer.TransferStatus;
import io.ledger.core.transfer.TransferView;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The balance view's writes of one event processor batch, written out when the batch commits
 * ({@link io.ledger.query.UnitOfWorkBuffer}): new accounts and transfer records, changed statuses and limits,
 * changed transfer records, and per account the sum of the batch's balance movements. A batch of a thousand
 * transfers that all credit one account updates that account's row once, not a thousand times.
 *
 * <p>It refuses at once what it can tell from memory and the committed rows (a transfer recorded twice within the
 * batch, a hold that is not pending), and at {@link #write} the rest, where a statement changes no row or a key is
 * taken: an unknown account, a transfer already stored, a stored record that changed since the batch read it. A
 * refusal at {@link #write} rolls back the whole batch, which the processor then retries.
 */
final class BalanceBatch {

    /** A stored transfer record the batch changed, and the status it had when the batch read it. */
    record ChangedTransfer(TransferView changed, TransferStatus statusAsStored) {
    }

    record OverdraftLimit(long limitMinor, boolean unlimited) {
    }

    private final JdbcBalanceStore tables;
    private final Map<String, AccountView> newAccounts = new LinkedHashMap<>();
    private final Map<String, AccountStatus> statuses = new HashMap<>();
    private final Map<String, OverdraftLimit> limits = new HashMap<>();
    private final Map<String, TransferView> newTransfers = new LinkedHashMap<>();
    private final Map<String, ChangedTransfer> changedTransfers = new LinkedHashMap<>();
    /** Per account: posted, pending debits, pending credits; in account order, the order rows are locked in. */
    private final Map<String, long[]> balanceDeltas = new TreeMap<>();

    BalanceBatch(JdbcBalanceStore tables) {
        this.tables = tables;
    }

    void insertAccount(AccountView account) {
        if (newAccounts.putIfAbsent(account.accountId(), account) != null) {
            throw new IllegalStateException("Account " + account.accountId() + " projected twice");
        }
    }

    void updateStatus(String accountId, AccountStatus status) {
        statuses.put(accountId, status);
    }

    void updateOverdraftLimit(String accountId, long limitMinor, boolean unlimited) {
        limits.put(accountId, new OverdraftLimit(limitMinor, unlimited));
    }

    /** Records a transfer or hold; see {@link #move} for the amounts. */
    void recordTransfer(TransferView transfer, long postedMinor, long pendingDebitsDeltaMinor,
                        long pendingCreditsDeltaMinor) {
        String id = transfer.transferId();
        if (newTransfers.containsKey(id) || changedTransfers.containsKey(id)) {
            throw new IllegalStateException("Transfer " + id + " projected twice");
        }
        newTransfers.put(id, transfer);
        move(transfer.debitAccountId(), transfer.creditAccountId(), postedMinor, pendingDebitsDeltaMinor,
                pendingCreditsDeltaMinor);
    }

    void resolveHold(String transferId, TransferStatus outcome, long postedMinor, Instant resolvedAt) {
        TransferView hold = findTransfer(transferId)
                .filter(found -> found.status() == TransferStatus.PENDING)
                .orElseThrow(() -> new IllegalStateException("Transfer " + transferId + " is not a pending hold"));
        changed(new TransferView(hold.transferId(), hold.kind(), hold.debitAccountId(), hold.creditAccountId(),
                hold.amountMinor(), postedMinor, hold.reversedMinor(), hold.currency(), hold.metadata(), outcome,
                hold.reversalOf(), hold.expiresAt(), hold.createdAt(), resolvedAt, hold.recordedBy()), hold.status());
        move(hold.debitAccountId(), hold.creditAccountId(), postedMinor, -hold.amountMinor(), -hold.amountMinor());
    }

    void updateReversed(String transferId, long totalReversedMinor) {
        TransferView t = findTransfer(transferId)
                .orElseThrow(() -> new IllegalStateException("Reversal of unknown transfer " + transferId));
        changed(new TransferView(t.transferId(), t.kind(), t.debitAccountId(), t.creditAccountId(), t.amountMinor(),
                t.postedMinor(), totalReversedMinor, t.currency(), t.metadata(), t.status(), t.reversalOf(),
                t.expiresAt(), t.createdAt(), t.resolvedAt(), t.recordedBy()), t.status());
    }

    /** The record as this batch leaves it: its own, else the committed one. */
    Optional<TransferView> findTransfer(String transferId) {
        TransferView recorded = newTransfers.get(transferId);
        if (recorded != null) {
            return Optional.of(recorded);
        }
        ChangedTransfer changed = changedTransfers.get(transferId);
        if (changed != null) {
            return Optional.of(changed.changed());
        }
        return tables.storedTransfer(transferId);
    }

    /** The account as this batch leaves it: the committed or new row with the batch's changes. */
    Optional<AccountView> findAccount(String accountId) {
        AccountView opened = newAccounts.get(accountId);
        Optional<AccountView> base = opened != null ? Optional.of(opened) : tables.storedAccount(accountId);
        return base.map(this::withChanges);
    }

    /**
     * Writes the batch, in the order that keeps every check meaningful: accounts before what names them, records
     * before balances. Each statement that must change one row is checked to have.
     */
    void write() {
        try {
            tables.insertAccounts(newAccounts.values());
        } catch (IllegalStateException duplicate) {
            throw projectedBefore("Account", newAccounts.keySet(), duplicate);
        }
        tables.updateStatuses(statuses);
        tables.updateOverdraftLimits(limits);
        try {
            tables.insertTransfers(newTransfers.values());
        } catch (IllegalStateException duplicate) {
            throw projectedBefore("Transfer", newTransfers.keySet(), duplicate);
        }
        tables.overwriteTransfersIfUnchanged(changedTransfers.values());
        tables.addToBalances(balanceDeltas);
    }

    /**
     * Names the rows that may have been projected before: all of them when few, as a single event's batch is.
     * The database's own error, the cause, names the one key; it is not read back here, since after the error
     * PostgreSQL answers nothing more in the transaction.
     */
    private static IllegalStateException projectedBefore(String what, Collection<String> ids,
                                                         IllegalStateException duplicate) {
        String named = ids.size() <= 10 ? String.join(", ", ids)
                : String.join(", ", List.copyOf(ids).subList(0, 10)) + " or " + (ids.size() - 10) + " more";
        return new IllegalStateException(what + " " + named + " projected twice (one was stored before)", duplicate);
    }

    /** Drops everything buffered: the view is being cleared. */
    void discard() {
        newAccounts.clear();
        statuses.clear();
        limits.clear();
        newTransfers.clear();
        changedTransfers.clear();
        balanceDeltas.clear();
    }

    /**
     * The credit account gains {@code postedMinor} and the debit account loses it; the debit account's pending
     * debits and the credit account's pending credits change by the deltas.
     */
    private void move(String debitAccountId, String creditAccountId, long postedMinor, long pendingDebitsDeltaMinor,
                      long pendingCreditsDeltaMinor) {
        add(debitAccountId, Math.negateExact(postedMinor), pendingDebitsDeltaMinor, 0);
        add(creditAccountId, postedMinor, 0, pendingCreditsDeltaMinor);
    }

    private void add(String accountId, long postedMinor, long pendingDebitsMinor, long pendingCreditsMinor) {
        long[] sums = balanceDeltas.computeIfAbsent(accountId, id -> new long[3]);
        sums[0] = Math.addExact(sums[0], postedMinor);
        sums[1] = Math.addExact(sums[1], pendingDebitsMinor);
        sums[2] = Math.addExact(sums[2], pendingCreditsMinor);
    }

    private void changed(TransferView transfer, TransferStatus statusBefore) {
        String id = transfer.transferId();
        if (newTransfers.containsKey(id)) {
            newTransfers.put(id, transfer);
            return;
        }
        ChangedTransfer earlier = changedTransfers.get(id);
        changedTransfers.put(id, new ChangedTransfer(transfer,
                earlier == null ? statusBefore : earlier.statusAsStored()));
    }

    private AccountView withChanges(AccountView a) {
        AccountStatus status = statuses.getOrDefault(a.accountId(), a.status());
        OverdraftLimit limit = limits.getOrDefault(a.accountId(),
                new OverdraftLimit(a.overdraftLimitMinor(), a.unlimitedOverdraft()));
        long[] delta = balanceDeltas.getOrDefault(a.accountId(), new long[3]);
        return new AccountView(a.accountId(), a.currency(), a.name(), limit.limitMinor(), limit.unlimited(), status,
                a.postedMinor(), a.pendingDebitsMinor(), a.pendingCreditsMinor(), a.openedAt())
                .plus(delta[0], delta[1], delta[2]);
    }
}
