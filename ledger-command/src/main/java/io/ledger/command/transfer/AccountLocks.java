package io.ledger.command.transfer;

import io.ledger.command.Aggregates;
import io.ledger.command.account.Account;
import io.ledger.core.LedgerIds;
import io.ledger.core.StreamIds;
import org.axonframework.modelling.command.Repository;

import java.util.SortedSet;

/**
 * Takes the account locks of a unit of work that writes to many accounts (a batch, a group of single transfers)
 * before its first item runs, in the order of the accounts' ids. Each item alone would lock its own two accounts
 * in id order, but a unit of work holds every lock until it commits: two of them naming the same accounts in
 * different item orders would each wait for a lock the other holds. With every command taking its account locks
 * in one global order, none waits in a cycle, which is why the account locks need not search for deadlocks
 * ({@code BoundedWaitLockFactory}).
 */
final class AccountLocks {

    private AccountLocks() {
    }

    /** Adds {@code accountId} unless it is malformed: the item that names it is left to refuse it. */
    static void addIfValid(SortedSet<String> accountIds, String accountId) {
        if (LedgerIds.isValid(accountId)) {
            accountIds.add(accountId);
        }
    }

    /** Loads, and so locks, each account in the order of its id. An account that does not exist is skipped. */
    static void lockInIdOrder(Repository<Account> accounts, SortedSet<String> accountIds) {
        for (String accountId : accountIds) {
            Aggregates.loadIfPresent(accounts, StreamIds.account(accountId));
        }
    }
}
