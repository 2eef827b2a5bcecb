package io.ledger.command.transfer;

import io.ledger.command.Aggregates;
import io.ledger.command.account.Account;
import io.ledger.command.account.CreditAccountCommand;
import io.ledger.command.account.DebitAccountCommand;
import io.ledger.core.CommandOutcome;
import io.ledger.core.LedgerIds;
import io.ledger.core.StreamIds;
import io.ledger.core.error.LedgerException;
import io.ledger.core.error.TransferNotFoundException;
import io.ledger.core.transfer.ReverseTransferCommand;
import io.ledger.core.transfer.TransferReceipt;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

/**
 * Reverses all or part of a posted transfer: a new transfer in the opposite direction, recorded on the original
 * too, in one unit of work with both account legs. The original is loaded (and locked) before the accounts, so
 * concurrent reversals of one transfer run one after the other and their total can never exceed the original.
 */
public class ReversalCommandHandler {

    private final Repository<Transfer> transfers;
    private final Repository<Account> accounts;
    private final DuplicateGuard duplicates;

    public ReversalCommandHandler(Repository<Transfer> transfers, Repository<Account> accounts,
                                  EventStorageEngine storage) {
        this.transfers = transfers;
        this.accounts = accounts;
        this.duplicates = new DuplicateGuard(storage);
    }

    @CommandHandler
    public CommandOutcome<TransferReceipt> handle(ReverseTransferCommand command) {
        LedgerIds.requireValid(command.reversalId(), "reversalId");
        LedgerIds.requireValid(command.originalTransferId(), "transferId");
        Aggregate<Transfer> original = Aggregates.loadIfPresent(transfers,
                        StreamIds.transfer(command.originalTransferId()))
                .orElseThrow(() -> new TransferNotFoundException(
                        "Transfer " + command.originalTransferId() + " does not exist."));
        long reversalMinor = original.invoke(transfer -> transfer.requestedReversalMinor(command));
        var existing = Aggregates.loadIfPresent(transfers, StreamIds.transfer(command.reversalId()));
        if (existing.isPresent()) {
            return CommandOutcome.repeated(
                    existing.get().invoke(reversal -> reversal.repeatOf(command, reversalMinor)));
        }
        TransferReceipt originalReceipt = original.invoke(Transfer::receipt);
        // The reversal moves money back: from the original's credit account to its debit account.
        AccountPair pair = AccountPair.load(accounts, originalReceipt.creditAccountId(),
                originalReceipt.debitAccountId());
        try {
            original.execute(transfer -> transfer.requireReversible(reversalMinor));
            pair.debit().execute(account ->
                    account.requireCanDebit(reversalMinor, originalReceipt.currency(), false));
            pair.credit().execute(account ->
                    account.requireCanCredit(reversalMinor, originalReceipt.currency()));
        } catch (LedgerException refusal) {
            throw duplicates.resolve(command.reversalId(), refusal);
        }
        var reversal = Aggregates.create(transfers, () -> new Transfer(command, originalReceipt, reversalMinor));
        original.execute(transfer -> transfer.handle(new RecordReversalCommand(originalReceipt.transferId(),
                command.reversalId(), reversalMinor)));
        pair.debit().execute(account -> account.handle(new DebitAccountCommand(originalReceipt.creditAccountId(),
                command.reversalId(), originalReceipt.debitAccountId(), reversalMinor, originalReceipt.currency(),
                false)));
        pair.credit().execute(account -> account.handle(new CreditAccountCommand(originalReceipt.debitAccountId(),
                command.reversalId(), originalReceipt.creditAccountId(), reversalMinor, originalReceipt.currency(),
                false)));
        return CommandOutcome.created(reversal.invoke(Transfer::receipt));
    }
}
