package io.ledger.command.account;

import io.ledger.command.Aggregates;
import io.ledger.command.StreamIds;
import io.ledger.core.CommandOutcome;
import io.ledger.core.LedgerIds;
import io.ledger.core.account.AccountReceipt;
import io.ledger.core.account.OpenAccountCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;

/**
 * Opens accounts idempotently. The account's own constructor validates; this handler only decides between
 * "new", "faithful repeat" and "conflicting reuse of the id". Two concurrent opens of the same id both try to
 * write sequence number 0 of the same stream; the database's unique key lets exactly one commit, and the loser is
 * retried by the caller and then takes the repeat branch.
 */
public class AccountCommandHandler {

    private final Repository<Account> accounts;

    public AccountCommandHandler(Repository<Account> accounts) {
        this.accounts = accounts;
    }

    @CommandHandler
    public CommandOutcome<AccountReceipt> handle(OpenAccountCommand command) {
        LedgerIds.requireValid(command.accountId(), "accountId");
        var existing = Aggregates.loadIfPresent(accounts, StreamIds.account(command.accountId()));
        if (existing.isPresent()) {
            return CommandOutcome.repeated(existing.get().invoke(account -> account.repeatOf(command)));
        }
        var opened = Aggregates.create(accounts, () -> new Account(command));
        return CommandOutcome.created(opened.invoke(Account::receipt));
    }
}
