package io.ledger.api.command;

import io.ledger.command.transfer.TransferGroupCommand;
import io.ledger.command.transfer.TransferGroupResult;
import io.ledger.core.CommandOutcome;
import io.ledger.core.error.InsufficientFundsException;
import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;
import io.ledger.core.transfer.TransferFundsCommand;
import io.ledger.core.transfer.TransferKind;
import io.ledger.core.transfer.TransferReceipt;
import io.ledger.core.transfer.TransferStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The queue in front of the group writers: who is grouped with whom, who gets which answer, and what happens when
 * a group cannot be written. The command bus is replaced by a recording writer; TransferGroupHandlerTest covers
 * the writing itself.
 */
class TransferGroupCommitTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final RecordingWriter writer = new RecordingWriter();
    private final RecordingMeters meters = new RecordingMeters();
    private final ExecutorService clients = Executors.newFixedThreadPool(8);
    private TransferGroupCommit groups;

    @AfterEach
    void tearDown() {
        meters.release();
        if (groups != null) {
            groups.close();
        }
        clients.shutdownNow();
    }

    @Test
    void transfersThatWaitTogetherAreWrittenAsOneGroupAndEachGetsItsOwnAnswer() throws Exception {
        writer.groupAnswer = group -> new TransferGroupResult(group.members().stream()
                .map(member -> member.command().amountMinor() > 1_000
                        ? (TransferGroupResult.MemberOutcome) new TransferGroupResult.Refused(
                        new InsufficientFundsException("not enough on " + member.command().debitAccountId()))
                        : new TransferGroupResult.Written(CommandOutcome.created(receipt(member.command()))))
                .toList());
        groups = new TransferGroupCommit(64, 1, writer, meters.holdingTheFirstGroup());

        Future<Object> first = submit(transfer("t-0", 10), "request-0");
        meters.awaitHeld();
        List<Future<Object>> waiting = new ArrayList<>();
        for (int index = 1; index <= 5; index++) {
            waiting.add(submit(transfer("t-" + index, index == 3 ? 5_000 : 10), "request-" + index));
        }
        awaitWaiting(5);
        meters.release();

        assertThat(first.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("written alone: t-0");
        for (int index = 1; index <= 5; index++) {
            Future<Object> answer = waiting.get(index - 1);
            if (index == 3) {
                assertThatExceptionOfType(ExecutionException.class)
                        .isThrownBy(() -> answer.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                        .havingCause().isInstanceOfSatisfying(LedgerException.class,
                                refusal -> assertThat(refusal.code()).isEqualTo(LedgerErrorCode.INSUFFICIENT_FUNDS));
            } else {
                assertThat(answer.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                        .isEqualTo(CommandOutcome.created(receipt(transfer("t-" + index, 10))));
            }
        }
        assertThat(meters.sizes).containsExactly(1, 5);
        assertThat(writer.groups).singleElement().satisfies(group -> assertThat(group.members())
                .extracting(member -> member.command().transferId() + "@" + member.origin().get("requestId"))
                .containsExactlyInAnyOrder("t-1@request-1", "t-2@request-2", "t-3@request-3", "t-4@request-4",
                        "t-5@request-5"));
        assertThat(writer.alone).containsExactly("t-0");
        assertThat(writer.aloneThreads.get("t-0")).as("a transfer alone is written by the group writer")
                .startsWith("transfer-group-");
    }

    @Test
    void aTransferWrittenAloneByAWriterPassesItsFailureOnToItsCaller() {
        writer.aloneFailsFor = "t-1";
        groups = new TransferGroupCommit(64, 1, writer, meters);

        assertThatExceptionOfType(ExecutionException.class)
                .isThrownBy(() -> submit(transfer("t-1", 10), "request-1").get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .havingCause().isInstanceOf(IllegalArgumentException.class)
                .withMessage("this one cannot be written");
        assertThat(writer.aloneThreads.get("t-1")).startsWith("transfer-group-");
    }

    @Test
    void aGroupHoldsAtMostTheConfiguredNumberOfTransfers() throws Exception {
        writer.groupAnswer = group -> new TransferGroupResult(group.members().stream()
                .map(member -> (TransferGroupResult.MemberOutcome) new TransferGroupResult.Written(
                        CommandOutcome.created(receipt(member.command()))))
                .toList());
        groups = new TransferGroupCommit(3, 1, writer, meters.holdingTheFirstGroup());

        Future<Object> first = submit(transfer("t-0", 10), "request-0");
        meters.awaitHeld();
        List<Future<Object>> waiting = new ArrayList<>();
        for (int index = 1; index <= 7; index++) {
            waiting.add(submit(transfer("t-" + index, 10), "request-" + index));
        }
        awaitWaiting(7);
        meters.release();

        first.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        for (Future<Object> answer : waiting) {
            answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        assertThat(meters.sizes).containsExactly(1, 3, 3, 1);
        // t-0 and whichever of the seven came last went alone.
        assertThat(writer.alone).hasSize(2).startsWith("t-0");
    }

    @Test
    void whenAGroupFailsAsAWholeEachMemberIsWrittenAloneAndOnlyTheFailingOneFails() throws Exception {
        writer.groupAnswer = group -> {
            throw new IllegalStateException("the database went away for a moment");
        };
        writer.aloneFailsFor = "t-2";
        groups = new TransferGroupCommit(64, 1, writer, meters.holdingTheFirstGroup());

        Future<Object> first = submit(transfer("t-0", 10), "request-0");
        meters.awaitHeld();
        Future<Object> second = submit(transfer("t-1", 10), "request-1");
        Future<Object> third = submit(transfer("t-2", 10), "request-2");
        awaitWaiting(2);
        meters.release();

        assertThat(first.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("written alone: t-0");
        assertThat(second.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("written alone: t-1");
        assertThatExceptionOfType(ExecutionException.class)
                .isThrownBy(() -> third.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .havingCause().isInstanceOf(IllegalArgumentException.class);
        assertThat(meters.failed).isEqualTo(1);
        assertThat(writer.groups).hasSize(1);
        // The failed group's members were handed back and written by their own request threads.
        assertThat(writer.aloneThreads.get("t-1")).doesNotStartWith("transfer-group-");
        assertThat(writer.aloneThreads.get("t-2")).doesNotStartWith("transfer-group-");
    }

    @Test
    void afterCloseEveryTransferIsWrittenAloneAndNoneIsLeftWaiting() throws Exception {
        groups = new TransferGroupCommit(64, 2, writer, meters);
        long closing = System.nanoTime();
        groups.close();

        // Every writer noticed at once: close waits up to 30 s for each one that does not.
        assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(2));

        assertThat(submit(transfer("t-1", 10), "request-1").get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo("written alone: t-1");
        assertThat(writer.groups).isEmpty();
        assertThat(groups.waiting()).isZero();
    }

    private Future<Object> submit(TransferFundsCommand command, String requestId) {
        AuditMetadata origin = new AuditMetadata("client", requestId, requestId);
        return clients.submit(() -> groups.write(command, origin));
    }

    private void awaitWaiting(int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (groups.waiting() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(groups.waiting()).isEqualTo(count);
    }

    private static TransferReceipt receipt(TransferFundsCommand command) {
        return new TransferReceipt(command.transferId(), TransferKind.TRANSFER, command.debitAccountId(),
                command.creditAccountId(), command.amountMinor(), command.currency(), command.metadata(),
                TransferStatus.POSTED, null, null, Instant.EPOCH);
    }

    private static TransferFundsCommand transfer(String transferId, long amountMinor) {
        return new TransferFundsCommand(transferId, "alice", "bob", amountMinor, "EUR", Map.of());
    }

    /** Stands for the command bus: records what it was asked to write and answers as the test says. */
    private static final class RecordingWriter implements TransferGroupCommit.Writer {

        final List<TransferGroupCommand> groups = new CopyOnWriteArrayList<>();
        final List<String> alone = new CopyOnWriteArrayList<>();
        final Map<String, String> aloneThreads = new java.util.concurrent.ConcurrentHashMap<>();
        volatile Function<TransferGroupCommand, TransferGroupResult> groupAnswer;
        volatile String aloneFailsFor;

        @Override
        public TransferGroupResult writeGroup(TransferGroupCommand group) {
            groups.add(group);
            return groupAnswer.apply(group);
        }

        @Override
        public Object writeAlone(TransferFundsCommand command, AuditMetadata origin) {
            alone.add(command.transferId());
            aloneThreads.put(command.transferId(), Thread.currentThread().getName());
            if (command.transferId().equals(aloneFailsFor)) {
                throw new IllegalArgumentException("this one cannot be written");
            }
            return "written alone: " + command.transferId();
        }
    }

    /**
     * Records group sizes; can hold the writer inside its first group (after it took its members and before it
     * writes them), so that the test can line up the requests that are to wait together.
     */
    private static final class RecordingMeters implements TransferGroupCommit.Meters {

        final List<Integer> sizes = new CopyOnWriteArrayList<>();
        volatile int failed;
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile boolean holdFirst;

        RecordingMeters holdingTheFirstGroup() {
            holdFirst = true;
            return this;
        }

        void awaitHeld() throws InterruptedException {
            assertThat(held.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }

        void release() {
            released.countDown();
        }

        @Override
        public void transferGroup(int members) {
            sizes.add(members);
            if (holdFirst && held.getCount() > 0) {
                held.countDown();
                try {
                    released.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void transferGroupFailed() {
            failed++;
        }
    }
}
