package io.ledger.api.command;

import io.ledger.command.transfer.TransferGroupCommand;
import io.ledger.command.transfer.TransferGroupResult;
import io.ledger.core.error.LedgerException;
import io.ledger.core.transfer.TransferFundsCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Group commit for single transfers: every single transfer is handed to a writer thread through a queue, and a
 * writer takes all that are waiting (up to {@code maxMembers}) and writes them as one {@link TransferGroupCommand},
 * in one unit of work and one database transaction. While the writers are busy the next requests gather in the
 * queue, so groups grow with the load by themselves: a quiet node writes each transfer alone (the hand-over costs
 * microseconds), a busy one pays one commit, one flush of the log and one wake-up of each view for many.
 *
 * <p>The writers also bound how many single transfers wait for account locks at once. Before, each request thread
 * wrote its own transfer, and under contention (one hot account credited by every transfer) the requests queued on
 * the account's lock one transaction at a time; now they queue here and leave in groups.
 *
 * <p>Nothing about a single transfer's answer changes: each member is validated, refused or repeated on its own,
 * its events carry its own request's origin, and its caller gets what it would have got alone. When a group fails
 * as a whole (a write conflict with another node that outlasted the retries, a busy account, a timeout, a bug),
 * nothing of it was written, and each member is handed back to its request thread to be written alone: a member
 * that cannot be written then fails by itself, and the others are not held back by it.
 *
 * <p>Order: members are written in the order they arrived. Requests that are in flight at the same time have no
 * order among them (with {@code writers} above one, two groups are written side by side and either may lock a
 * shared account first, as two request threads did before); a client that waits for one answer before it sends
 * the next request sees its writes in its own order.
 */
final class TransferGroupCommit implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransferGroupCommit.class);

    /** The answer that tells a waiting request to write its transfer alone, on its own thread. */
    private static final Object WRITE_ALONE = new Object();
    /** How often an idle writer looks whether it is to stop. */
    private static final long IDLE_CHECK_MILLIS = 100;

    /** How the group's members and a member alone reach the command bus (with retries of write conflicts). */
    interface Writer {

        TransferGroupResult writeGroup(TransferGroupCommand group);

        Object writeAlone(TransferFundsCommand command, AuditMetadata origin);
    }

    /** The group sizes as formed, and the groups that failed as a whole, for the command meters. */
    interface Meters {

        void transferGroup(int members);

        void transferGroupFailed();
    }

    private final BlockingQueue<Waiting> queue = new LinkedBlockingQueue<>();
    private final int maxMembers;
    private final Writer writer;
    private final Meters meters;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean closed;

    TransferGroupCommit(int maxMembers, int writerThreads, Writer writer, Meters meters) {
        if (maxMembers < 2 || writerThreads < 1) {
            throw new IllegalArgumentException("a group needs room for 2 members and at least 1 writer");
        }
        this.maxMembers = maxMembers;
        this.writer = writer;
        this.meters = meters;
        for (int index = 1; index <= writerThreads; index++) {
            Thread thread = new Thread(this::writeGroupsUntilClosed, "transfer-group-" + index);
            thread.setDaemon(true);
            writers.add(thread);
            thread.start();
        }
    }

    /**
     * Writes the transfer, in a group if others are waiting, and answers as the command sent alone would: its
     * {@code CommandOutcome}, or the refusal it threw.
     */
    Object write(TransferFundsCommand command, AuditMetadata origin) {
        Waiting waiting = new Waiting(command, origin);
        if (closed) {
            return writer.writeAlone(command, origin);
        }
        queue.add(waiting);
        if (closed) {
            // The writers may have stopped before this request joined the queue: nobody else would answer it.
            answerAllWaitingAlone();
        }
        Object answer;
        try {
            answer = waiting.answer.join();
        } catch (CompletionException failed) {
            throw asUnchecked(failed.getCause());
        }
        if (answer == WRITE_ALONE) {
            return writer.writeAlone(command, origin);
        }
        if (answer instanceof TransferGroupResult.Refused refused) {
            throw refused.refusal();
        }
        if (answer instanceof TransferGroupResult.Written written) {
            return written.outcome();
        }
        return answer;
    }

    private static RuntimeException asUnchecked(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        return failure instanceof RuntimeException unchecked ? unchecked : new IllegalStateException(failure);
    }

    /** How many transfers are waiting for a writer (for tests). */
    int waiting() {
        return queue.size();
    }

    private void writeGroupsUntilClosed() {
        List<Waiting> group = new ArrayList<>(maxMembers);
        while (!closed) {
            try {
                Waiting first = queue.poll(IDLE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, maxMembers - 1);
                writeGroup(group);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            } catch (Throwable unexpected) {
                // Never leave a request waiting: whatever went wrong here, each can still be written alone.
                LOG.error("Group commit failed outside the write itself; writing its transfers alone", unexpected);
                group.forEach(member -> member.answer.complete(WRITE_ALONE));
            } finally {
                group.clear();
            }
        }
        answerAllWaitingAlone();
    }

    private void writeGroup(List<Waiting> group) {
        meters.transferGroup(group.size());
        if (group.size() == 1) {
            writeAlone(group.get(0));
            return;
        }
        List<TransferGroupCommand.Member> members = new ArrayList<>(group.size());
        for (Waiting waiting : group) {
            members.add(new TransferGroupCommand.Member(waiting.command, waiting.origin.asMap()));
        }
        TransferGroupResult result;
        try {
            result = writer.writeGroup(new TransferGroupCommand(members));
        } catch (RuntimeException failure) {
            meters.transferGroupFailed();
            if (failure instanceof LedgerException) {
                LOG.debug("A group of {} transfers was not written ({}); writing each alone", group.size(),
                        failure.getMessage());
            } else {
                LOG.warn("A group of {} transfers was not written; writing each alone", group.size(), failure);
            }
            group.forEach(member -> member.answer.complete(WRITE_ALONE));
            return;
        }
        for (int index = 0; index < group.size(); index++) {
            group.get(index).answer.complete(result.outcomes().get(index));
        }
    }

    /** No other was waiting: written as the single command it is, its answer or its failure passed on as is. */
    private void writeAlone(Waiting waiting) {
        try {
            waiting.answer.complete(writer.writeAlone(waiting.command, waiting.origin));
        } catch (RuntimeException | Error failure) {
            waiting.answer.completeExceptionally(failure);
        }
    }

    private void answerAllWaitingAlone() {
        List<Waiting> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(waiting -> waiting.answer.complete(WRITE_ALONE));
    }

    /**
     * Stops the writers once they have written what they hold (an idle writer notices within
     * {@value #IDLE_CHECK_MILLIS} ms); transfers still waiting are written alone by their request threads. The
     * writers are never interrupted: an interrupt during H2's file I/O closes the database.
     */
    @Override
    public void close() {
        closed = true;
        for (Thread thread : writers) {
            try {
                thread.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        answerAllWaitingAlone();
    }

    private static final class Waiting {

        final TransferFundsCommand command;
        final AuditMetadata origin;
        final CompletableFuture<Object> answer = new CompletableFuture<>();

        Waiting(TransferFundsCommand command, AuditMetadata origin) {
            this.command = command;
            this.origin = origin;
        }
    }
}
