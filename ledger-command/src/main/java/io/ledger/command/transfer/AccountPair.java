package io.ledger.command.transfer;

import io.ledger.command.Aggregates;
import io.ledger.command.account.Account;
import io.ledger.core.StreamIds;
import io.ledger.core.error.AccountNotFoundException;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

/**
 * The two accounts of a movement, loaded (and so locked) in the order of their ids, so that two movements in
 * opposite directions between the same accounts cannot deadlock.
 */
record AccountPair(Aggregate<Account> debit, Aggregate<Account> credit) {

    static AccountPair load(Repository<Account> accounts, String debitAccountId, String creditAccountId) {
        boolean debitFirst = debitAccountId.compareTo(creditAccountId) < 0;
        Aggregate<Account> first = load(accounts, debitFirst ? debitAccountId : creditAccountId);
        Aggregate<Account> second = load(accounts, debitFirst ? creditAccountId : debitAccountId);
        return debitFirst ? new AccountPair(first, second) : new AccountPair(second, first);
    }

    private static Aggregate<Account> load(Repository<Account> accounts, String accountId) {
        return Aggregates.loadIfPresent(accounts, StreamIds.account(accountId))
                .orElseThrow(() -> new AccountNotFoundException("Account " + accountId + " does not exist."));
    }
}
