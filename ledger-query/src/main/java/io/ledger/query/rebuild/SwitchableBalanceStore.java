package io.ledger.query.rebuild;

import io.ledger.core.account.AccountStatus;
import io.ledger.core.account.AccountView;
import io.ledger.core.transfer.TransferStatus;
import io.ledger.core.transfer.TransferView;
import io.ledger.query.balance.BalanceStore;
import io.ledger.query.balance.JdbcBalanceStore;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The balance store over whichever table set {@link ViewSet} says is active. */
public final class SwitchableBalanceStore implements BalanceStore {

    private final ViewSet viewSet;
    private final BalanceStore setA;
    private final BalanceStore setB;

    public SwitchableBalanceStore(JdbcTemplate jdbc, ViewSet viewSet) {
        this.viewSet = viewSet;
        this.setA = new JdbcBalanceStore(jdbc, ViewSet.suffix("a"));
        this.setB = new JdbcBalanceStore(jdbc, ViewSet.suffix("b"));
    }

    private BalanceStore active() {
        return "a".equals(viewSet.active()) ? setA : setB;
    }

    @Override
    public void insertAccount(AccountView account) {
        active().insertAccount(account);
    }

    @Override
    public void updateStatus(String accountId, AccountStatus status) {
        active().updateStatus(accountId, status);
    }

    @Override
    public void updateOverdraftLimit(String accountId, long overdraftLimitMinor, boolean unlimitedOverdraft) {
        active().updateOverdraftLimit(accountId, overdraftLimitMinor, unlimitedOverdraft);
    }

    @Override
    public void recordPostedTransfer(TransferView transfer) {
        active().recordPostedTransfer(transfer);
    }

    @Override
    public void recordHold(TransferView hold) {
        active().recordHold(hold);
    }

    @Override
    public void resolveHold(String transferId, TransferStatus outcome, long postedMinor, Instant resolvedAt) {
        active().resolveHold(transferId, outcome, postedMinor, resolvedAt);
    }

    @Override
    public void updateReversed(String transferId, long totalReversedMinor) {
        active().updateReversed(transferId, totalReversedMinor);
    }

    @Override
    public Optional<AccountView> findAccount(String accountId) {
        return active().findAccount(accountId);
    }

    @Override
    public Optional<TransferView> findTransfer(String transferId) {
        return active().findTransfer(transferId);
    }

    @Override
    public List<AccountView> allAccounts() {
        return active().allAccounts();
    }

    @Override
    public List<String> dueHolds(Instant now, int limit) {
        return active().dueHolds(now, limit);
    }

    @Override
    public void clear() {
        active().clear();
    }
}
