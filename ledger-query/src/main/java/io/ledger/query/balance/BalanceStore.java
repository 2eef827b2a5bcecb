package io.ledger.query.balance;

import io.ledger.core.account.AccountView;
import io.ledger.core.transfer.TransferView;

import java.util.List;
import java.util.Optional;

/**
 * Storage of the balance view. The projection writes through this interface only, so the same projection class
 * runs against the service's database ({@link JdbcBalanceStore}) and in memory ({@link InMemoryBalanceStore}) for
 * tests and for the audit tool's replays.
 */
public interface BalanceStore {

    void insertAccount(AccountView account);

    /**
     * Records a posted transfer and moves its amount from the debit account's posted balance to the credit
     * account's, all or nothing: a transfer recorded before, or an unknown account, is refused with
     * {@link IllegalStateException} and changes no row.
     */
    void recordPostedTransfer(TransferView transfer);

    Optional<AccountView> findAccount(String accountId);

    Optional<TransferView> findTransfer(String transferId);

    /** Every account, ordered by id. */
    List<AccountView> allAccounts();

    /** Removes every row, before a replay from the start of the event store. */
    void clear();
}
