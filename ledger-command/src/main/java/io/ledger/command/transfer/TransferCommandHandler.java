package io.ledger.command.transfer;

import io.ledger.command.Aggregates;
import io.ledger.command.StreamIds;
import io.ledger.command.account.Account;
import io.ledger.command.account.CreditAccountCommand;
import io.ledger.command.account.DebitAccountCommand;
import io.ledger.core.CommandOutcome;
import io.ledger.core.LedgerIds;
import io.ledger.core.error.AccountNotFoundException;
import io.ledger.core.error.LedgerException;
import io.ledger.core.money.AmountLimits;
import io.ledger.core.transfer.TransferFundsCommand;
import io.ledger.core.transfer.TransferReceipt;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

/**
 * Executes a transfer as one unit of work: the transfer record and both account legs are appended in a single
 * database transaction, or nothing is. There is no saga and no moment in which money has left one account without
 * reaching the other.
 *
 * <p>Concurrency: within one process, each aggregate is locked while its unit of work runs, and the two accounts
 * are always locked in the order of their ids, so two transfers in opposite directions cannot deadlock. Across
 * processes, the event table's unique key on (stream, sequence number) rejects the second of two conflicting
 * writers at commit; the caller retries, and the retry sees the committed state.
 */
public class TransferCommandHandler {

    private final Repository<Transfer> transfers;
    private final Repository<Account> accounts;
    private final EventStorageEngine storage;
    private final AmountLimits limits;

    public TransferCommandHandler(Repository<Transfer> transfers, Repository<Account> accounts,
                                  EventStorageEngine storage, AmountLimits limits) {
        this.transfers = transfers;
        this.accounts = accounts;
        this.storage = storage;
        this.limits = limits;
    }

    @CommandHandler
    public CommandOutcome<TransferReceipt> handle(TransferFundsCommand command) {
        LedgerIds.requireValid(command.transferId(), "transferId");
        var existing = Aggregates.loadIfPresent(transfers, StreamIds.transfer(command.transferId()));
        if (existing.isPresent()) {
            return CommandOutcome.repeated(existing.get().invoke(transfer -> transfer.repeatOf(command)));
        }
        var transfer = Aggregates.create(transfers, () -> new Transfer(command, limits));
        try {
            postLegs(command);
        } catch (LedgerException refusal) {
            throw duplicateCommittedMeanwhile(command.transferId()) ? new ConcurrencyException(
                    "Transfer " + command.transferId() + " was committed by a concurrent duplicate") : refusal;
        }
        return CommandOutcome.created(transfer.invoke(Transfer::receipt));
    }

    /**
     * A duplicate of this very transfer may have committed while this attempt waited for the account locks; the
     * accounts then show the duplicate's effect (say, funds already spent), and refusing would answer a faithful
     * repeat with a refusal. The storage engine is asked directly: unlike the event store, it does not see this
     * unit of work's own transfer, which is only appended at commit;
     * if the duplicate is there, the command is reported as a write conflict, and its retry takes the repeat path.
     */
    private boolean duplicateCommittedMeanwhile(String transferId) {
        return storage.lastSequenceNumberFor(StreamIds.transfer(transferId)).isPresent();
    }

    private void postLegs(TransferFundsCommand command) {
        boolean debitFirst = command.debitAccountId().compareTo(command.creditAccountId()) < 0;
        Aggregate<Account> first = loadAccount(debitFirst ? command.debitAccountId() : command.creditAccountId());
        Aggregate<Account> second = loadAccount(debitFirst ? command.creditAccountId() : command.debitAccountId());
        Aggregate<Account> debit = debitFirst ? first : second;
        Aggregate<Account> credit = debitFirst ? second : first;
        debit.execute(account -> account.handle(new DebitAccountCommand(command.debitAccountId(),
                command.transferId(), command.creditAccountId(), command.amountMinor(), command.currency())));
        credit.execute(account -> account.handle(new CreditAccountCommand(command.creditAccountId(),
                command.transferId(), command.debitAccountId(), command.amountMinor(), command.currency())));
    }

    private Aggregate<Account> loadAccount(String accountId) {
        return Aggregates.loadIfPresent(accounts, StreamIds.account(accountId))
                .orElseThrow(() -> new AccountNotFoundException("Account " + accountId + " does not exist."));
    }
}
