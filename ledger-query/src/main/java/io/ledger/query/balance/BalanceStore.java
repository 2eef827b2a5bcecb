package io.ledger.query.balance;

import io.ledger.core.account.AccountStatus;
import io.ledger.core.account.AccountView;
import io.ledger.core.transfer.TransferStatus;
import io.ledger.core.transfer.TransferView;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Storage of the balance view. The projection writes through this interface only, so the same projection class
 * runs against the service's database ({@link JdbcBalanceStore}) and in memory ({@link InMemoryBalanceStore}) for
 * tests and for the audit tool's replays.
 *
 * <p>Every write is all or nothing on its own: an operation that names an unknown account, records a transfer
 * twice, or resolves a hold that is not pending is refused with {@link IllegalStateException} and changes no row.
 */
public interface BalanceStore {

    void insertAccount(AccountView account);

    void updateStatus(String accountId, AccountStatus status);

    void updateOverdraftLimit(String accountId, long overdraftLimitMinor, boolean unlimitedOverdraft);

    /** Records a posted transfer or reversal and moves its amount from the debit account to the credit account. */
    void recordPostedTransfer(TransferView transfer);

    /** Records a pending hold and adds its amount to the debit account's pending debits and the credit's credits. */
    void recordHold(TransferView hold);

    /**
     * Gives a pending hold its outcome: releases its whole amount from both accounts' pending balances and moves
     * {@code postedMinor} (zero unless posted) from the debit account's posted balance to the credit account's.
     */
    void resolveHold(String transferId, TransferStatus outcome, long postedMinor, Instant resolvedAt);

    /** Sets how much of a posted transfer later reversals gave back. */
    void updateReversed(String transferId, long totalReversedMinor);

    Optional<AccountView> findAccount(String accountId);

    Optional<TransferView> findTransfer(String transferId);

    /** Every account, ordered by id. */
    List<AccountView> allAccounts();

    /** Ids of pending holds whose expiry is at or before {@code now}, earliest expiry first. */
    List<String> dueHolds(Instant now, int limit);

    /** Removes every row, before a replay from the start of the event store. */
    void clear();
}
