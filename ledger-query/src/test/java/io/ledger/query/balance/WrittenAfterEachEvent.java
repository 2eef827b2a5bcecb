package io.ledger.query.balance;

import io.ledger.core.account.AccountStatus;
import io.ledger.core.account.AccountView;
import io.ledger.core.transfer.TransferStatus;
import io.ledger.core.transfer.TransferView;
import io.ledger.query.rebuild.BufferedRebuildBalanceStore;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The rebuild's buffered store over a fresh H2 database, writing its chunk after every operation: so the tests
 * written for every {@link BalanceStore} also check what it writes to the tables, not only what it keeps in memory.
 * Longer chunks are checked by {@code BufferedRebuildBalanceStoreTest}.
 */
final class WrittenAfterEachEvent implements BalanceStore {

    private final BufferedRebuildBalanceStore buffered;
    private final JdbcBalanceStore tables;

    private WrittenAfterEachEvent(JdbcBalanceStore tables) {
        this.tables = tables;
        this.buffered = new BufferedRebuildBalanceStore(tables);
    }

    static BalanceStore onFreshH2() {
        return new WrittenAfterEachEvent(H2ReadModel.freshStore());
    }

    @Override
    public void insertAccount(AccountView account) {
        buffered.insertAccount(account);
        buffered.flush();
    }

    @Override
    public void updateStatus(String accountId, AccountStatus status) {
        buffered.updateStatus(accountId, status);
        buffered.flush();
    }

    @Override
    public void updateOverdraftLimit(String accountId, long overdraftLimitMinor, boolean unlimitedOverdraft) {
        buffered.updateOverdraftLimit(accountId, overdraftLimitMinor, unlimitedOverdraft);
        buffered.flush();
    }

    @Override
    public void recordPostedTransfer(TransferView transfer) {
        buffered.recordPostedTransfer(transfer);
        buffered.flush();
    }

    @Override
    public void recordHold(TransferView hold) {
        buffered.recordHold(hold);
        buffered.flush();
    }

    @Override
    public void resolveHold(String transferId, TransferStatus outcome, long postedMinor, Instant resolvedAt) {
        buffered.resolveHold(transferId, outcome, postedMinor, resolvedAt);
        buffered.flush();
    }

    @Override
    public void updateReversed(String transferId, long totalReversedMinor) {
        buffered.updateReversed(transferId, totalReversedMinor);
        buffered.flush();
    }

    // Reads go to the tables: they must hold what the memory holds.

    @Override
    public Optional<AccountView> findAccount(String accountId) {
        return tables.findAccount(accountId);
    }

    @Override
    public Optional<TransferView> findTransfer(String transferId) {
        return tables.findTransfer(transferId);
    }

    @Override
    public List<AccountView> allAccounts() {
        return tables.allAccounts();
    }

    @Override
    public List<String> dueHolds(Instant now, int limit) {
        return tables.dueHolds(now, limit);
    }

    @Override
    public void clear() {
        buffered.clear();
    }
}
