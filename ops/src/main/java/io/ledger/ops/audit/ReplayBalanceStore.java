package io.ledger.ops.audit;

import io.ledger.core.account.AccountStatus;
import io.ledger.core.account.AccountView;
import io.ledger.core.transfer.TransferStatus;
import io.ledger.core.transfer.TransferView;
import io.ledger.query.balance.BalanceStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The balance view for replays: every account's figures, and of each transfer only what a later event can need.
 * It accepts and refuses exactly the operations the read side's {@code InMemoryBalanceStore} does, with the same
 * messages, and answers {@link #findAccount} and {@link #allAccounts} alike; it cannot list transfers.
 *
 * <p>Why not the read side's store: that one keeps each transfer's full record (its metadata map, kind, times) and
 * builds a new {@link AccountView} per change, and those records were most of a replay's heap and much of its
 * garbage. Here an account's figures change in place, a posted transfer or reversal is remembered by its id alone
 * (so a second one with that id, or a reversal of an unknown transfer, is still refused), and a hold by its two
 * accounts, amount and whether it is still pending, which is all that resolving it reads.
 * Not thread-safe: a replay applies events on one thread.
 */
final class ReplayBalanceStore implements BalanceStore {

    /** An account's figures, changed in place. */
    private static final class Account {
        final String accountId;
        final String currency;
        final String name;
        long overdraftLimitMinor;
        boolean unlimitedOverdraft;
        AccountStatus status;
        long postedMinor;
        long pendingDebitsMinor;
        long pendingCreditsMinor;
        final Instant openedAt;

        Account(AccountView view) {
            accountId = view.accountId();
            currency = view.currency();
            name = view.name();
            overdraftLimitMinor = view.overdraftLimitMinor();
            unlimitedOverdraft = view.unlimitedOverdraft();
            status = view.status();
            postedMinor = view.postedMinor();
            pendingDebitsMinor = view.pendingDebitsMinor();
            pendingCreditsMinor = view.pendingCreditsMinor();
            openedAt = view.openedAt();
        }

        AccountView view() {
            return new AccountView(accountId, currency, name, overdraftLimitMinor, unlimitedOverdraft, status,
                    postedMinor, pendingDebitsMinor, pendingCreditsMinor, openedAt);
        }
    }

    /** A hold: its accounts and amount, and whether it still awaits its outcome. */
    private static final class Hold {
        final Account debit;
        final Account credit;
        final long amountMinor;
        boolean pending = true;

        Hold(Account debit, Account credit, long amountMinor) {
            this.debit = debit;
            this.credit = credit;
            this.amountMinor = amountMinor;
        }
    }

    /** What a posted transfer or reversal is remembered by: that its id is taken. */
    private static final Object POSTED = new Object();

    private final Map<String, Account> accounts = new HashMap<>();
    /** Per transfer id, {@link #POSTED} or its {@link Hold}. */
    private final Map<String, Object> transfers = new HashMap<>();

    @Override
    public void insertAccount(AccountView account) {
        if (accounts.containsKey(account.accountId())) {
            throw new IllegalStateException("Account " + account.accountId() + " projected twice");
        }
        accounts.put(account.accountId(), new Account(account));
    }

    @Override
    public void updateStatus(String accountId, AccountStatus status) {
        existing(accountId).status = status;
    }

    @Override
    public void updateOverdraftLimit(String accountId, long overdraftLimitMinor, boolean unlimitedOverdraft) {
        Account account = existing(accountId);
        account.overdraftLimitMinor = overdraftLimitMinor;
        account.unlimitedOverdraft = unlimitedOverdraft;
    }

    @Override
    public void recordPostedTransfer(TransferView transfer) {
        requireNew(transfer.transferId());
        long amountMinor = transfer.amountMinor();
        // Looked up and computed in the read side's store's order, so that a bad event fails with its exception.
        Account debit = existing(transfer.debitAccountId());
        long debitPostedMinor = Math.addExact(debit.postedMinor, -amountMinor);
        Account credit = existing(transfer.creditAccountId());
        long creditPostedMinor = Math.addExact(credit.postedMinor, amountMinor);
        set(debit, debitPostedMinor, debit.pendingDebitsMinor, credit, creditPostedMinor, credit.pendingCreditsMinor);
        transfers.put(transfer.transferId(), POSTED);
    }

    @Override
    public void recordHold(TransferView hold) {
        requireNew(hold.transferId());
        long amountMinor = hold.amountMinor();
        Account debit = existing(hold.debitAccountId());
        long debitPendingMinor = Math.addExact(debit.pendingDebitsMinor, amountMinor);
        Account credit = existing(hold.creditAccountId());
        long creditPendingMinor = Math.addExact(credit.pendingCreditsMinor, amountMinor);
        set(debit, debit.postedMinor, debitPendingMinor, credit, credit.postedMinor, creditPendingMinor);
        transfers.put(hold.transferId(), new Hold(debit, credit, amountMinor));
    }

    @Override
    public void resolveHold(String transferId, TransferStatus outcome, long postedMinor, Instant resolvedAt) {
        if (!(transfers.get(transferId) instanceof Hold hold) || !hold.pending) {
            throw new IllegalStateException("Transfer " + transferId + " is not a pending hold");
        }
        long held = hold.amountMinor;
        Account debit = hold.debit;
        long debitPostedMinor = Math.addExact(debit.postedMinor, -postedMinor);
        long debitPendingMinor = Math.addExact(debit.pendingDebitsMinor, -held);
        Account credit = hold.credit;
        long creditPostedMinor = Math.addExact(credit.postedMinor, postedMinor);
        long creditPendingMinor = Math.addExact(credit.pendingCreditsMinor, -held);
        set(debit, debitPostedMinor, debitPendingMinor, credit, creditPostedMinor, creditPendingMinor);
        // The read side's store keeps the outcome as the hold's status: any outcome but PENDING (which the
        // projection never gives) ends the hold there, and here.
        hold.pending = outcome == TransferStatus.PENDING;
    }

    @Override
    public void updateReversed(String transferId, long totalReversedMinor) {
        if (!transfers.containsKey(transferId)) {
            throw new IllegalStateException("Reversal of unknown transfer " + transferId);
        }
    }

    @Override
    public Optional<AccountView> findAccount(String accountId) {
        Account account = accounts.get(accountId);
        return account == null ? Optional.empty() : Optional.of(account.view());
    }

    /** Not kept: see the class comment. */
    @Override
    public Optional<TransferView> findTransfer(String transferId) {
        throw new UnsupportedOperationException("A replay keeps no transfer records");
    }

    @Override
    public List<AccountView> allAccounts() {
        List<AccountView> all = new ArrayList<>(accounts.size());
        accounts.values().forEach(account -> all.add(account.view()));
        all.sort(Comparator.comparing(AccountView::accountId));
        return all;
    }

    /** Not kept: see the class comment. */
    @Override
    public List<String> dueHolds(Instant now, int limit) {
        throw new UnsupportedOperationException("A replay keeps no transfer records");
    }

    @Override
    public void clear() {
        accounts.clear();
        transfers.clear();
    }

    /**
     * Sets the debit account's posted balance and pending debits, then the credit account's posted balance and
     * pending credits, each computed by the caller before anything is set, so a failure changes nothing. As in the
     * read side's store, each side's new figures come from that account's figures before, and the credit side's
     * are set last: for one account on both sides, the credit side's figures are what remains.
     */
    private static void set(Account debit, long debitPostedMinor, long debitPendingDebitsMinor,
                            Account credit, long creditPostedMinor, long creditPendingCreditsMinor) {
        long debitPendingCreditsMinor = debit.pendingCreditsMinor;
        long creditPendingDebitsMinor = credit.pendingDebitsMinor;
        debit.postedMinor = debitPostedMinor;
        debit.pendingDebitsMinor = debitPendingDebitsMinor;
        debit.pendingCreditsMinor = debitPendingCreditsMinor;
        credit.postedMinor = creditPostedMinor;
        credit.pendingDebitsMinor = creditPendingDebitsMinor;
        credit.pendingCreditsMinor = creditPendingCreditsMinor;
    }

    private void requireNew(String transferId) {
        if (transfers.containsKey(transferId)) {
            throw new IllegalStateException("Transfer " + transferId + " projected twice");
        }
    }

    private Account existing(String accountId) {
        Account account = accounts.get(accountId);
        if (account == null) {
            throw new IllegalStateException("Posting to unknown account " + accountId);
        }
        return account;
    }
}
