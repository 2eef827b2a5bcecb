package io.ledger.query.balance;

import io.ledger.core.account.AccountStatus;
import io.ledger.core.account.AccountView;
import io.ledger.core.transfer.TransferStatus;
import io.ledger.core.transfer.TransferView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The JDBC store as an event processor drives it: each write in a unit of work and a database transaction of its
 * own, so it is buffered and written when the unit of work commits. A refused write rolls its transaction back,
 * as the processor's does. Reads run outside, on the committed rows. Longer batches are checked by
 * {@code JdbcBalanceStoreBatchTest}.
 */
final class EachInItsOwnBatch implements BalanceStore {

    private final JdbcBalanceStore store;
    private final TransactionTemplate transactions;

    private EachInItsOwnBatch(DataSource database) {
        this.store = new JdbcBalanceStore(new JdbcTemplate(database));
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(database));
    }

    static BalanceStore onFreshH2() {
        return new EachInItsOwnBatch(H2ReadModel.freshDataSource());
    }

    @Override
    public void insertAccount(AccountView account) {
        inBatch(() -> store.insertAccount(account));
    }

    @Override
    public void updateStatus(String accountId, AccountStatus status) {
        inBatch(() -> store.updateStatus(accountId, status));
    }

    @Override
    public void updateOverdraftLimit(String accountId, long overdraftLimitMinor, boolean unlimitedOverdraft) {
        inBatch(() -> store.updateOverdraftLimit(accountId, overdraftLimitMinor, unlimitedOverdraft));
    }

    @Override
    public void recordPostedTransfer(TransferView transfer) {
        inBatch(() -> store.recordPostedTransfer(transfer));
    }

    @Override
    public void recordHold(TransferView hold) {
        inBatch(() -> store.recordHold(hold));
    }

    @Override
    public void resolveHold(String transferId, TransferStatus outcome, long postedMinor, Instant resolvedAt) {
        inBatch(() -> store.resolveHold(transferId, outcome, postedMinor, resolvedAt));
    }

    @Override
    public void updateReversed(String transferId, long totalReversedMinor) {
        inBatch(() -> store.updateReversed(transferId, totalReversedMinor));
    }

    @Override
    public Optional<AccountView> findAccount(String accountId) {
        return store.findAccount(accountId);
    }

    @Override
    public Optional<TransferView> findTransfer(String transferId) {
        return store.findTransfer(transferId);
    }

    @Override
    public List<AccountView> allAccounts() {
        return store.allAccounts();
    }

    @Override
    public List<String> dueHolds(Instant now, int limit) {
        return store.dueHolds(now, limit);
    }

    @Override
    public void clear() {
        store.clear();
    }

    private void inBatch(Runnable write) {
        ProcessorBatch.run(transactions, write);
    }
}
