package io.ledger.command.transfer;

import io.ledger.command.account.Account;
import io.ledger.command.account.CreditAccountCommand;
import io.ledger.command.account.DebitAccountCommand;
import io.ledger.command.account.ReleaseHoldCommand;
import io.ledger.core.CommandOutcome;
import io.ledger.core.LedgerIds;
import io.ledger.core.StreamIds;
import io.ledger.core.account.LegSide;
import io.ledger.core.error.TransferNotFoundException;
import io.ledger.core.transfer.ExpireHoldCommand;
import io.ledger.core.transfer.HoldResolution;
import io.ledger.core.transfer.PostHoldCommand;
import io.ledger.core.transfer.VoidHoldCommand;
import io.ledger.command.Aggregates;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

import java.util.List;

/**
 * Gives a hold its one outcome: posted (in full or in part, the rest released), voided, or expired. The hold and
 * its two accounts change in one unit of work. The hold is loaded (and locked) first, so concurrent outcomes for
 * the same hold run one after the other: the first wins, a faithful repeat gets its answer, and any other is
 * refused with the outcome that already happened. Across processes the hold's stream sequence decides the same.
 */
public class HoldCommandHandler {

    private final Repository<Transfer> transfers;
    private final Repository<Account> accounts;

    public HoldCommandHandler(Repository<Transfer> transfers, Repository<Account> accounts) {
        this.transfers = transfers;
        this.accounts = accounts;
    }

    @CommandHandler
    public CommandOutcome<HoldResolution> handle(PostHoldCommand command) {
        Aggregate<Transfer> hold = loadHold(command.transferId());
        HoldResolution earlier = hold.invoke(transfer -> transfer.repeatedPost(command));
        if (earlier != null) {
            return CommandOutcome.repeated(earlier);
        }
        HoldResolution planned = hold.invoke(transfer -> transfer.plannedPost(command));
        AccountPair pair = AccountPair.load(accounts, planned.debitAccountId(), planned.creditAccountId());
        pair.debit().execute(account -> account.requireCanDebit(planned.postedMinor(), planned.currency(), true));
        pair.credit().execute(account -> account.requireCanCredit(planned.postedMinor(), planned.currency()));

        HoldResolution posted = hold.invoke(transfer -> transfer.handle(command));
        release(pair, posted);
        pair.debit().execute(account -> account.handle(new DebitAccountCommand(posted.debitAccountId(),
                posted.transferId(), posted.creditAccountId(), posted.postedMinor(), posted.currency(), true)));
        pair.credit().execute(account -> account.handle(new CreditAccountCommand(posted.creditAccountId(),
                posted.transferId(), posted.debitAccountId(), posted.postedMinor(), posted.currency(), true)));
        return CommandOutcome.created(posted);
    }

    @CommandHandler
    public CommandOutcome<HoldResolution> handle(VoidHoldCommand command) {
        Aggregate<Transfer> hold = loadHold(command.transferId());
        HoldResolution earlier = hold.invoke(transfer -> transfer.repeatedVoid(command));
        if (earlier != null) {
            return CommandOutcome.repeated(earlier);
        }
        AccountPair pair = lockAccountsOf(hold);
        HoldResolution voided = hold.invoke(transfer -> transfer.handle(command));
        release(pair, voided);
        return CommandOutcome.created(voided);
    }

    @CommandHandler
    public CommandOutcome<HoldResolution> handle(ExpireHoldCommand command) {
        Aggregate<Transfer> hold = loadHold(command.transferId());
        HoldResolution earlier = hold.invoke(transfer -> transfer.repeatedExpiry(command));
        if (earlier != null) {
            return CommandOutcome.repeated(earlier);
        }
        AccountPair pair = lockAccountsOf(hold);
        HoldResolution expired = hold.invoke(transfer -> transfer.handle(command));
        release(pair, expired);
        return CommandOutcome.created(expired);
    }

    /** Ends the reservations on both accounts; allowed on frozen accounts, and it cannot be refused. */
    private static void release(AccountPair pair, HoldResolution outcome) {
        pair.debit().execute(account -> account.handle(new ReleaseHoldCommand(outcome.debitAccountId(),
                outcome.transferId(), LegSide.DEBIT, outcome.heldMinor(), outcome.currency())));
        pair.credit().execute(account -> account.handle(new ReleaseHoldCommand(outcome.creditAccountId(),
                outcome.transferId(), LegSide.CREDIT, outcome.heldMinor(), outcome.currency())));
    }

    /**
     * Loads (and so locks) both accounts of the hold before any of its events is stamped, so that no event on
     * an account is stamped before another transaction's earlier change to it commits.
     */
    private AccountPair lockAccountsOf(Aggregate<Transfer> hold) {
        var receipt = hold.invoke(Transfer::receipt);
        return AccountPair.load(accounts, receipt.debitAccountId(), receipt.creditAccountId());
    }

    /**
     * The ids of the two accounts of the transfer {@code transferId}, loading (and so locking) it; none if there is
     * no such transfer. A batch asks before its first item, so that it can lock these accounts in id order with
     * all its others.
     */
    List<String> accountIdsOf(String transferId) {
        if (!LedgerIds.isValid(transferId)) {
            return List.of();
        }
        return Aggregates.loadIfPresent(transfers, StreamIds.transfer(transferId))
                .map(transfer -> transfer.invoke(Transfer::receipt))
                .map(receipt -> List.of(receipt.debitAccountId(), receipt.creditAccountId()))
                .orElse(List.of());
    }

    private Aggregate<Transfer> loadHold(String transferId) {
        LedgerIds.requireValid(transferId, "transferId");
        return Aggregates.loadIfPresent(transfers, StreamIds.transfer(transferId))
                .orElseThrow(() -> new TransferNotFoundException("Transfer " + transferId + " does not exist."));
    }
}
