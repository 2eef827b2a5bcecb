package io.ledger.command.transfer;

import io.ledger.command.account.Account;
import io.ledger.core.CommandOutcome;
import io.ledger.core.error.BatchItemRefusedException;
import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;
import io.ledger.core.transfer.BatchItemResult;
import io.ledger.core.transfer.BatchResult;
import io.ledger.core.transfer.BatchableCommand;
import io.ledger.core.transfer.ExecuteBatchCommand;
import io.ledger.core.transfer.HoldResolution;
import io.ledger.core.transfer.PlaceHoldCommand;
import io.ledger.core.transfer.PostHoldCommand;
import io.ledger.core.transfer.TransferFundsCommand;
import io.ledger.core.transfer.TransferReceipt;
import io.ledger.core.transfer.VoidHoldCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Runs a batch in one unit of work, so in one database transaction: one commit for up to thousands of movements.
 * Each item goes through the same handler as if sent alone, so it is validated and idempotent in the same way.
 *
 * <p>Atomic batches stop at the first refusal, and the whole unit of work rolls back. Other batches record the
 * refusal and go on: every handler checks everything before it applies anything, so a refused item has left no
 * trace, not even in the aggregates this unit of work holds in memory.
 */
public class BatchCommandHandler {

    private final TransferCommandHandler transfers;
    private final HoldCommandHandler holds;
    private final Repository<Account> accounts;
    private final int maxItems;

    public BatchCommandHandler(TransferCommandHandler transfers, HoldCommandHandler holds,
                               Repository<Account> accounts, int maxItems) {
        this.transfers = transfers;
        this.holds = holds;
        this.accounts = accounts;
        this.maxItems = maxItems;
    }

    @CommandHandler
    public BatchResult handle(ExecuteBatchCommand command) {
        if (command.items().isEmpty()) {
            throw new LedgerException(LedgerErrorCode.INVALID_BATCH, "A batch needs at least one item.");
        }
        if (command.items().size() > maxItems) {
            throw new LedgerException(LedgerErrorCode.BATCH_TOO_LARGE,
                    "A batch holds at most " + maxItems + " items.");
        }
        lockAccountsInIdOrder(command.items());
        List<BatchItemResult> results = new ArrayList<>(command.items().size());
        for (int index = 0; index < command.items().size(); index++) {
            BatchableCommand item = command.items().get(index);
            try {
                results.add(execute(index, item));
            } catch (LedgerException refusal) {
                if (command.atomic()) {
                    throw new BatchItemRefusedException(index, refusal);
                }
                results.add(new BatchItemResult(index, item.transferId(), BatchItemResult.Status.REFUSED, null, null,
                        refusal.code(), refusal.getMessage()));
            }
        }
        return new BatchResult(results);
    }

    /**
     * Loads (and so locks) every account that the batch's items name, in the order of their ids, before the first
     * item runs ({@link AccountLocks} says why). The accounts of holds posted or voided in the batch are read from
     * the holds, which are loaded (and locked) first for that, in the order of their ids.
     */
    private void lockAccountsInIdOrder(List<BatchableCommand> items) {
        SortedSet<String> accountIds = new TreeSet<>();
        SortedSet<String> resolvedHoldIds = new TreeSet<>();
        for (BatchableCommand item : items) {
            if (item instanceof TransferFundsCommand transfer) {
                AccountLocks.addIfValid(accountIds, transfer.debitAccountId());
                AccountLocks.addIfValid(accountIds, transfer.creditAccountId());
            } else if (item instanceof PlaceHoldCommand hold) {
                AccountLocks.addIfValid(accountIds, hold.debitAccountId());
                AccountLocks.addIfValid(accountIds, hold.creditAccountId());
            } else {
                // A post or a void: its accounts are those of the hold it names.
                resolvedHoldIds.add(item.transferId());
            }
        }
        // The holds, too, in the order of their ids: a hold is locked before its accounts, here as when sent alone.
        for (String holdId : resolvedHoldIds) {
            holds.accountIdsOf(holdId).forEach(accountId -> AccountLocks.addIfValid(accountIds, accountId));
        }
        AccountLocks.lockInIdOrder(accounts, accountIds);
    }

    private BatchItemResult execute(int index, BatchableCommand item) {
        if (item instanceof TransferFundsCommand transfer) {
            return created(index, item, transfers.handle(transfer));
        }
        if (item instanceof PlaceHoldCommand hold) {
            return created(index, item, transfers.handle(hold));
        }
        if (item instanceof PostHoldCommand post) {
            return resolved(index, item, holds.handle(post));
        }
        if (item instanceof VoidHoldCommand voidHold) {
            return resolved(index, item, holds.handle(voidHold));
        }
        throw new IllegalArgumentException("Unknown batch item " + item.getClass().getSimpleName());
    }

    private static BatchItemResult created(int index, BatchableCommand item, CommandOutcome<TransferReceipt> outcome) {
        return new BatchItemResult(index, item.transferId(), status(outcome), outcome.result(), null, null, null);
    }

    private static BatchItemResult resolved(int index, BatchableCommand item, CommandOutcome<HoldResolution> outcome) {
        return new BatchItemResult(index, item.transferId(), status(outcome), null, outcome.result(), null, null);
    }

    private static BatchItemResult.Status status(CommandOutcome<?> outcome) {
        return outcome.repeated() ? BatchItemResult.Status.REPEATED : BatchItemResult.Status.CREATED;
    }
}
