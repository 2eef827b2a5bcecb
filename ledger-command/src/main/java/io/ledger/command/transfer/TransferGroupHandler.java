package io.ledger.command.transfer;

import io.ledger.command.account.Account;
import io.ledger.core.error.LedgerException;
import io.ledger.core.transfer.TransferFundsCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.Repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Writes a {@link TransferGroupCommand}: many single transfers in one unit of work, so with one commit (and, on
 * PostgreSQL with durable commits, one flush of the log) instead of one each.
 *
 * <p>Each member goes through {@link TransferCommandHandler} as if sent alone. A refusal is thrown before anything
 * of that member is applied (the handler checks everything first), so it is recorded as the member's outcome and
 * the group goes on. Any other failure propagates: the whole unit of work rolls back and nothing of the group is
 * written; the sender then sends the members one by one.
 *
 * <p>The group's accounts are locked in the order of their ids before the first member runs, as a batch locks
 * them, so that a group and a batch (or two groups) never wait for each other in a cycle.
 */
public class TransferGroupHandler {

    private final TransferCommandHandler transfers;
    private final Repository<Account> accounts;

    public TransferGroupHandler(TransferCommandHandler transfers, Repository<Account> accounts) {
        this.transfers = transfers;
        this.accounts = accounts;
    }

    @CommandHandler
    public TransferGroupResult handle(TransferGroupCommand group) {
        lockAccountsInIdOrder(group.members());
        MemberOrigin origin = new MemberOrigin();
        CurrentUnitOfWork.get().registerCorrelationDataProvider(origin);
        List<TransferGroupResult.MemberOutcome> outcomes = new ArrayList<>(group.members().size());
        try {
            for (TransferGroupCommand.Member member : group.members()) {
                origin.current = member.origin();
                outcomes.add(write(member.command()));
            }
        } finally {
            origin.current = Map.of();
        }
        return new TransferGroupResult(outcomes);
    }

    private TransferGroupResult.MemberOutcome write(TransferFundsCommand command) {
        try {
            return new TransferGroupResult.Written(transfers.handle(command));
        } catch (LedgerException refusal) {
            return new TransferGroupResult.Refused(refusal);
        }
    }

    private void lockAccountsInIdOrder(List<TransferGroupCommand.Member> members) {
        SortedSet<String> accountIds = new TreeSet<>();
        for (TransferGroupCommand.Member member : members) {
            AccountLocks.addIfValid(accountIds, member.command().debitAccountId());
            AccountLocks.addIfValid(accountIds, member.command().creditAccountId());
        }
        AccountLocks.lockInIdOrder(accounts, accountIds);
    }

    /**
     * The origin of the member being written. Axon stamps an event with the correlation data of the unit of work
     * when the event is applied; this provider, registered after the command bus's own, overrides the group's
     * origin with the member's, so every event says who sent the transfer it belongs to.
     */
    private static final class MemberOrigin implements CorrelationDataProvider {

        private Map<String, ?> current = Map.of();

        @Override
        public Map<String, ?> correlationDataFor(Message<?> message) {
            return current;
        }
    }
}
