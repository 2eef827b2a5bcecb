package io.ledger.api.command;

import io.ledger.api.config.LedgerProperties;
import io.ledger.command.transfer.TransferGroupCommand;
import io.ledger.command.transfer.TransferGroupResult;
import io.ledger.core.CommandOutcome;
import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;
import io.ledger.core.transfer.BatchResult;
import io.ledger.core.transfer.ExecuteBatchCommand;
import io.ledger.core.transfer.TransferFundsCommand;
import jakarta.annotation.PreDestroy;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends commands and retries those that lost a race with a concurrent writer.
 *
 * <p>A write conflict means the database refused to append because another transaction appended to the same
 * stream first (another node, or a concurrent duplicate of the same transfer). Nothing of the losing attempt was
 * written, so trying again is safe: the retry reloads the committed state and decides afresh, which for a
 * concurrent duplicate means it takes the idempotent-repeat branch.
 *
 * <p>Single transfers that arrive while others are being written are written together, in one transaction
 * ({@link TransferGroupCommit}, {@code ledger.group-commit.*}); each still gets the answer it would have got alone.
 */
@Component
public class LedgerCommands {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerCommands.class);
    private static final Set<String> TIMEOUT_STATES = Set.of("57014", "55P03", "25P03");
    /** PostgreSQL's transaction ended to resolve a deadlock (40P01) or a serialization failure (40001). */
    private static final Set<String> CONFLICT_STATES = Set.of("40P01", "40001");

    private final CommandGateway gateway;
    private final RefusalRecorder refusals;
    private final int maxAttempts;
    private final CommandMetrics metrics;
    private final TransferGroupCommit transferGroups;

    public LedgerCommands(CommandGateway gateway, RefusalRecorder refusals, LedgerProperties properties,
                          CommandMetrics metrics) {
        this.gateway = gateway;
        this.refusals = refusals;
        this.metrics = metrics;
        this.maxAttempts = Math.max(1, properties.commandAttempts());
        LedgerProperties.GroupCommit groupCommit = properties.groupCommit();
        this.transferGroups = groupCommit.enabled()
                ? new TransferGroupCommit(groupCommit.maxTransfers(), groupCommit.writers(), new GroupWriter(),
                metrics)
                : null;
    }

    /** Lets the group writers finish what they hold; the service's graceful shutdown has answered every request. */
    @PreDestroy
    public void close() {
        if (transferGroups != null) {
            transferGroups.close();
        }
    }

    /**
     * Sends a command that answers with a {@link CommandOutcome}, attributed to the HTTP request being handled
     * (its principal, correlation id and request id travel with it onto every event it applies).
     */
    @SuppressWarnings("unchecked")
    public <T> CommandOutcome<T> send(Object command) {
        return (CommandOutcome<T>) dispatch(command, AuditMetadata.ofCurrentRequest());
    }

    /**
     * Sends a command of the ledger's own housekeeping (hold expiry), whose refusals are expected outcomes of a
     * race (the hold was posted meanwhile) rather than declined client attempts, so they are not recorded.
     */
    @SuppressWarnings("unchecked")
    public <T> CommandOutcome<T> sendUnrecorded(Object command, AuditMetadata origin) {
        return (CommandOutcome<T>) measured(command, origin);
    }

    /** Sends a batch; business refusals of single items are recorded like those of single commands. */
    public BatchResult sendBatch(ExecuteBatchCommand batch) {
        AuditMetadata origin = AuditMetadata.ofCurrentRequest();
        metrics.batchSize(batch);
        BatchResult result = (BatchResult) dispatch(batch, origin);
        metrics.batchItems(result);
        refusals.refusedItems(batch, result, origin);
        return result;
    }

    private Object dispatch(Object command, AuditMetadata origin) {
        try {
            return measured(command, origin);
        } catch (LedgerException refusal) {
            refusals.refused(command, refusal, origin);
            throw refusal;
        }
    }

    /** Counts and times the command by how it ended; the time includes retries, as the caller waited for them. */
    private Object measured(Object command, AuditMetadata origin) {
        long start = System.nanoTime();
        try {
            Object answer = dispatchWithRetries(command, origin);
            metrics.answered(command.getClass(), answer, System.nanoTime() - start);
            return answer;
        } catch (LedgerException refusal) {
            metrics.refused(command.getClass(), refusal.code(), System.nanoTime() - start);
            throw refusal;
        } catch (RuntimeException failure) {
            metrics.failed(command.getClass(), System.nanoTime() - start);
            throw failure;
        }
    }

    private Object dispatchWithRetries(Object command, AuditMetadata origin) {
        if (transferGroups != null && command instanceof TransferFundsCommand transfer) {
            return transferGroups.write(transfer, origin);
        }
        return sendWithRetries(command, origin);
    }

    private Object sendWithRetries(Object command, AuditMetadata origin) {
        for (int attempt = 1; ; attempt++) {
            try {
                return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                        .andMetaData(origin.asMap()));
            } catch (RuntimeException failure) {
                if (isTransactionTimeout(failure)) {
                    LOG.warn("{} was cut off by a transaction timeout; nothing was written",
                            command.getClass().getSimpleName(), failure);
                    throw new LedgerException(LedgerErrorCode.TRANSACTION_TIMEOUT,
                            "The write took longer than the ledger allows; nothing was written. Retry with the same id.");
                }
                if (isLockWaitOver(failure)) {
                    throw new LedgerException(LedgerErrorCode.CONTENTION, "Another write held an account of this "
                            + "command for longer than the ledger waits; nothing was written. Retry with the same id.");
                }
                if (!isWriteConflict(failure)) {
                    throw failure;
                }
                if (attempt >= maxAttempts) {
                    LOG.warn("Giving up on {} after {} write conflicts", command.getClass().getSimpleName(), attempt,
                            failure);
                    throw new LedgerException(LedgerErrorCode.CONTENTION,
                            "The accounts are busy; nothing was written. Retry with the same id.");
                }
                metrics.conflictRetried(command.getClass());
                backOff(attempt);
            }
        }
    }

    /**
     * Whether another writer got in the way and the command, repeated, can succeed: Axon's conflicts, and
     * PostgreSQL ending the transaction to break a deadlock (40P01) or a serialization conflict (40001). A
     * deadlock happens when two nodes, each with an account cached one event behind, append the same sequence
     * numbers of two accounts in opposite orders: each insert waits on the other's unique-index entry (seen in
     * TwoNodesOnPostgresTest). PostgreSQL rolled the transaction back, so nothing was written.
     */
    static boolean isWriteConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException
                    || cause instanceof DeadlockException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && CONFLICT_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the command waited for an account lock as long as the ledger allows
     * ({@code ledger.account-lock-wait}) without getting it. Not retried: the accounts are busy with work queued
     * before this command's, and waiting once more would keep the client past its own timeout. A deadlock that
     * Axon broke is a {@link DeadlockException} and is retried as a write conflict instead.
     */
    static boolean isLockWaitOver(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof LockAcquisitionFailedException && !(cause instanceof DeadlockException)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether PostgreSQL cut the transaction off: a statement over {@code statement_timeout} (57014, also a
     * cancelled query), a lock wait over {@code lock_timeout} (55P03), or a session ended by
     * {@code idle_in_transaction_session_timeout} (25P03). The transaction did not commit. Not retried here: a
     * transaction that hangs once will likely hang again, and the client decides whether to repeat.
     */
    static boolean isTransactionTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && TIMEOUT_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sends a group with the retries of any command: a write conflict with another node repeats the whole group,
     * which decides afresh for every member. The group's own origin names the mechanism; each member's events
     * carry the member's origin instead.
     */
    private final class GroupWriter implements TransferGroupCommit.Writer {

        @Override
        public TransferGroupResult writeGroup(TransferGroupCommand group) {
            return (TransferGroupResult) sendWithRetries(group, AuditMetadata.system("group-commit"));
        }

        @Override
        public Object writeAlone(TransferFundsCommand command, AuditMetadata origin) {
            return sendWithRetries(command, origin);
        }
    }

    /** Randomised, growing pauses so that colliding writers stop colliding. */
    private static void backOff(int attempt) {
        long ceilingMillis = Math.min(50, 1L << Math.min(attempt, 6));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceilingMillis + 1));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new LedgerException(LedgerErrorCode.CONTENTION, "Interrupted while retrying; nothing was written.");
        }
    }
}
