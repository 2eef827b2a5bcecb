package io.ledger.command.transfer;

import io.ledger.command.Aggregates;
import io.ledger.command.account.Account;
import io.ledger.command.account.CreditAccountCommand;
import io.ledger.command.account.DebitAccountCommand;
import io.ledger.command.account.ReserveHoldCommand;
import io.ledger.core.CommandOutcome;
import io.ledger.core.LedgerIds;
import io.ledger.core.StreamIds;
import io.ledger.core.account.LegSide;
import io.ledger.core.error.LedgerException;
import io.ledger.core.money.AmountLimits;
import io.ledger.core.transfer.PlaceHoldCommand;
import io.ledger.core.transfer.TransferFundsCommand;
import io.ledger.core.transfer.TransferReceipt;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.Repository;

import java.time.Duration;

/**
 * Creates transfers and holds, each as one unit of work: the transfer's record and both account legs are appended
 * in a single database transaction, or nothing is. There is no saga and no moment in which money has left one
 * account without reaching the other.
 *
 * <p>Every check (the transfer's own rules, then both accounts') runs before anything is applied, so a refusal
 * leaves even the in-memory aggregates of the unit of work untouched; a batch relies on this to refuse one item
 * and carry on with the next in the same transaction.
 *
 * <p>Concurrency: within one process, each aggregate is locked while its unit of work runs, and the two accounts
 * are always locked in the order of their ids. Across processes, the event table's unique key on (stream, sequence
 * number) rejects the second of two conflicting writers at commit; the caller retries, and the retry sees the
 * committed state.
 */
public class TransferCommandHandler {

    private final Repository<Transfer> transfers;
    private final Repository<Account> accounts;
    private final DuplicateGuard duplicates;
    private final AmountLimits limits;
    private final Duration maxBackdating;

    public TransferCommandHandler(Repository<Transfer> transfers, Repository<Account> accounts,
                                  EventStorageEngine storage, AmountLimits limits, Duration maxBackdating) {
        this.transfers = transfers;
        this.accounts = accounts;
        this.duplicates = new DuplicateGuard(storage);
        this.limits = limits;
        this.maxBackdating = maxBackdating;
    }

    /** With the default back-dating window ({@link Transfer#DEFAULT_MAX_BACKDATING}). */
    public TransferCommandHandler(Repository<Transfer> transfers, Repository<Account> accounts,
                                  EventStorageEngine storage, AmountLimits limits) {
        this(transfers, accounts, storage, limits, Transfer.DEFAULT_MAX_BACKDATING);
    }

    @CommandHandler
    public CommandOutcome<TransferReceipt> handle(TransferFundsCommand command) {
        LedgerIds.requireValid(command.transferId(), "transferId");
        var existing = Aggregates.loadIfPresent(transfers, StreamIds.transfer(command.transferId()));
        if (existing.isPresent()) {
            return CommandOutcome.repeated(existing.get().invoke(transfer -> transfer.repeatOf(command)));
        }
        Transfer.requireValid(command, limits);
        Transfer.requireValidEffectiveDate(command, maxBackdating);
        AccountPair pair = AccountPair.load(accounts, command.debitAccountId(), command.creditAccountId());
        try {
            pair.debit().execute(account ->
                    account.requireCanDebit(command.amountMinor(), command.currency(), false));
            pair.credit().execute(account ->
                    account.requireCanCredit(command.amountMinor(), command.currency()));
        } catch (LedgerException refusal) {
            throw duplicates.resolve(command.transferId(), refusal);
        }
        var transfer = Aggregates.create(transfers, () -> new Transfer(command, limits));
        pair.debit().execute(account -> account.handle(new DebitAccountCommand(command.debitAccountId(),
                command.transferId(), command.creditAccountId(), command.amountMinor(), command.currency(), false,
                command.effectiveAt())));
        pair.credit().execute(account -> account.handle(new CreditAccountCommand(command.creditAccountId(),
                command.transferId(), command.debitAccountId(), command.amountMinor(), command.currency(), false,
                command.effectiveAt())));
        return CommandOutcome.created(transfer.invoke(Transfer::receipt));
    }

    @CommandHandler
    public CommandOutcome<TransferReceipt> handle(PlaceHoldCommand command) {
        LedgerIds.requireValid(command.transferId(), "transferId");
        var existing = Aggregates.loadIfPresent(transfers, StreamIds.transfer(command.transferId()));
        if (existing.isPresent()) {
            return CommandOutcome.repeated(existing.get().invoke(transfer -> transfer.repeatOf(command)));
        }
        Transfer.validHoldExpiry(command, limits);
        AccountPair pair = AccountPair.load(accounts, command.debitAccountId(), command.creditAccountId());
        try {
            pair.debit().execute(account ->
                    account.requireCanReserve(LegSide.DEBIT, command.amountMinor(), command.currency()));
            pair.credit().execute(account ->
                    account.requireCanReserve(LegSide.CREDIT, command.amountMinor(), command.currency()));
        } catch (LedgerException refusal) {
            throw duplicates.resolve(command.transferId(), refusal);
        }
        var hold = Aggregates.create(transfers, () -> new Transfer(command, limits));
        pair.debit().execute(account -> account.handle(new ReserveHoldCommand(command.debitAccountId(),
                command.transferId(), LegSide.DEBIT, command.creditAccountId(), command.amountMinor(),
                command.currency())));
        pair.credit().execute(account -> account.handle(new ReserveHoldCommand(command.creditAccountId(),
                command.transferId(), LegSide.CREDIT, command.debitAccountId(), command.amountMinor(),
                command.currency())));
        return CommandOutcome.created(hold.invoke(Transfer::receipt));
    }
}
