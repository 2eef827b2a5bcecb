package io.ledger.command.account;

import io.ledger.command.Aggregates;
import io.ledger.core.CommandOutcome;
import io.ledger.core.LedgerIds;
import io.ledger.core.StreamIds;
import io.ledger.core.account.AccountReceipt;
import io.ledger.core.account.AccountStateReceipt;
import io.ledger.core.account.ChangeOverdraftLimitCommand;
import io.ledger.core.account.CloseAccountCommand;
import io.ledger.core.account.FreezeAccountCommand;
import io.ledger.core.account.OpenAccountCommand;
import io.ledger.core.account.UnfreezeAccountCommand;
import io.ledger.core.error.AccountNotFoundException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

import java.util.function.Function;

/**
 * Opens accounts idempotently and runs their lifecycle. The account itself validates; this handler decides
 * between "new", "faithful repeat" and "conflicting reuse of the id". Two concurrent opens of the same id both
 * try to write sequence number 0 of the same stream; the database's unique key lets exactly one commit, and the
 * loser is retried by the caller and then takes the repeat branch.
 *
 * <p>Lifecycle commands are idempotent too: freezing a frozen account (and the like) writes nothing and answers
 * as a repeat.
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

    @CommandHandler
    public CommandOutcome<AccountStateReceipt> handle(FreezeAccountCommand command) {
        return change(command.accountId(), account -> account.handle(command));
    }

    @CommandHandler
    public CommandOutcome<AccountStateReceipt> handle(UnfreezeAccountCommand command) {
        return change(command.accountId(), account -> account.handle(command));
    }

    @CommandHandler
    public CommandOutcome<AccountStateReceipt> handle(CloseAccountCommand command) {
        return change(command.accountId(), account -> account.handle(command));
    }

    @CommandHandler
    public CommandOutcome<AccountStateReceipt> handle(ChangeOverdraftLimitCommand command) {
        return change(command.accountId(), account -> account.handle(command));
    }

    private CommandOutcome<AccountStateReceipt> change(String accountId, Function<Account, Boolean> lifecycleStep) {
        LedgerIds.requireValid(accountId, "accountId");
        Aggregate<Account> account = Aggregates.loadIfPresent(accounts, StreamIds.account(accountId))
                .orElseThrow(() -> new AccountNotFoundException("Account " + accountId + " does not exist."));
        boolean changed = account.invoke(lifecycleStep);
        AccountStateReceipt state = account.invoke(Account::state);
        return changed ? CommandOutcome.created(state) : CommandOutcome.repeated(state);
    }
}
