package io.ledger.command;

import io.ledger.command.CommandSide.Balance;
import io.ledger.command.ReferenceLedger.Expected;
import io.ledger.command.ReferenceLedger.Kind;
import io.ledger.command.ReferenceLedger.Movement;
import io.ledger.command.ReferenceLedger.State;
import io.ledger.core.CommandOutcome;
import io.ledger.core.account.ChangeOverdraftLimitCommand;
import io.ledger.core.account.CloseAccountCommand;
import io.ledger.core.account.FreezeAccountCommand;
import io.ledger.core.account.OpenAccountCommand;
import io.ledger.core.account.UnfreezeAccountCommand;
import io.ledger.core.error.BatchItemRefusedException;
import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;
import io.ledger.core.transfer.BatchItemResult;
import io.ledger.core.transfer.BatchResult;
import io.ledger.core.transfer.BatchableCommand;
import io.ledger.core.transfer.ExecuteBatchCommand;
import io.ledger.core.transfer.ExpireHoldCommand;
import io.ledger.core.transfer.HoldExpiredEvent;
import io.ledger.core.transfer.HoldPostedEvent;
import io.ledger.core.transfer.HoldResolution;
import io.ledger.core.transfer.HoldVoidedEvent;
import io.ledger.core.transfer.PlaceHoldCommand;
import io.ledger.core.transfer.PostHoldCommand;
import io.ledger.core.transfer.ReverseTransferCommand;
import io.ledger.core.transfer.TransferFundsCommand;
import io.ledger.core.transfer.TransferReceipt;
import io.ledger.core.transfer.TransferReversedEvent;
import io.ledger.core.transfer.VoidHoldCommand;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Random sequences of transfers, holds (placed, posted in full or in part, voided, expired by a clock the test
 * controls), reversals, retries, batches and account lifecycle changes, run against the real write side and
 * against {@link ReferenceLedger}. After every step both must agree on accepting or refusing (and on the refusal's
 * code where the model determines it), and on every account's posted balance, pending debits and pending credits,
 * as folded from the account's own event stream. Money is only ever moved, never made: posted balances sum to zero.
 */
class WriteSideModelPropertiesTest {

    private static final String EUR = "EUR";
    private static final String SETTLEMENT = "settlement";
    /** The settlement account first, then accounts whose small limits make refusals frequent. */
    private static final List<String> ACCOUNTS = List.of(SETTLEMENT, "a", "b", "c");
    private static final Map<String, Long> LIMITS_MINOR = Map.of("a", 0L, "b", 500L, "c", 1_000L);
    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

    @Property(tries = 200)
    void theWriteSideAgreesWithAReferenceModelAfterEveryStep(@ForAll("actions") List<Action> actions) {
        try (CommandSide ledger = new CommandSide()) {
            new Run(ledger).play(actions);
        }
    }

    // ---- actions -----------------------------------------------------------------------------------------------

    /** One random step; picks are indices into what exists at that moment (modulo its size). */
    sealed interface Action {
    }

    record Tick(int seconds) implements Action {
    }

    record Transfer(int from, int toOffset, long amountMinor) implements Action {
    }

    record PlaceHold(int from, int toOffset, long amountMinor, long timeoutSeconds) implements Action {
    }

    /** {@code percent} 0 posts without an amount (in full); above 100 asks for more than is held. */
    record Post(int pick, boolean anyTransfer, int percent) implements Action {
    }

    record Void(int pick, boolean anyTransfer) implements Action {
    }

    record Expire(int pick, boolean anyTransfer) implements Action {
    }

    /** {@code percent} 0 reverses without an amount (everything); above 100 asks for more than remains. */
    record Reverse(int pick, int percent) implements Action {
    }

    /** Sends an earlier creation again, unchanged or ({@code alter}) with another amount. */
    record Retry(int pick, boolean alter) implements Action {
    }

    /** Transfers, holds, posts and voids in one batch, atomic or item by item. */
    record Batch(List<Action> items, boolean atomic) implements Action {
    }

    record Freeze(int account) implements Action {
    }

    record Unfreeze(int account) implements Action {
    }

    record ChangeLimit(int account, long limitMinor) implements Action {
    }

    record Close(int account) implements Action {
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Integer> account = Arbitraries.integers().between(0, ACCOUNTS.size() - 1);
        Arbitrary<Integer> limitedAccount = Arbitraries.integers().between(1, ACCOUNTS.size() - 1);
        Arbitrary<Integer> offset = Arbitraries.integers().between(1, ACCOUNTS.size() - 1);
        Arbitrary<Long> amount = Arbitraries.longs().between(1, 3_000);
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 1_000);
        Arbitrary<Boolean> rarely = Arbitraries.integers().between(0, 9).map(n -> n == 0);
        Arbitrary<Integer> percent = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(0)),
                Tuple.of(5, Arbitraries.integers().between(1, 100)),
                Tuple.of(1, Arbitraries.integers().between(101, 150)));

        Arbitrary<Action> transfer = Combinators.combine(account, offset, amount).as(Transfer::new);
        Arbitrary<Action> hold = Combinators.combine(account, offset, amount, Arbitraries.longs().between(1, 90))
                .as(PlaceHold::new);
        Arbitrary<Action> post = Combinators.combine(pick, rarely, percent).as(Post::new);
        Arbitrary<Action> voidHold = Combinators.combine(pick, rarely).as(Void::new);
        Arbitrary<Action> batchItem = Arbitraries.frequencyOf(
                Tuple.of(4, transfer), Tuple.of(3, hold), Tuple.of(3, post), Tuple.of(1, voidHold));

        Arbitrary<Action> action = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0, 40).map(Tick::new)),
                Tuple.of(10, transfer),
                Tuple.of(8, hold),
                Tuple.of(6, post),
                Tuple.of(3, voidHold),
                Tuple.of(3, Combinators.combine(pick, rarely).as(Expire::new)),
                Tuple.of(5, Combinators.combine(pick, percent).as(Reverse::new)),
                Tuple.of(3, Combinators.combine(pick, rarely).as(Retry::new)),
                Tuple.of(3, Combinators.combine(batchItem.list().ofMinSize(1).ofMaxSize(5), Arbitraries.of(true, false))
                        .as(Batch::new)),
                Tuple.of(2, account.map(Freeze::new)),
                Tuple.of(3, account.map(Unfreeze::new)),
                Tuple.of(1, Combinators.combine(limitedAccount, Arbitraries.longs().between(0, 20).map(n -> n * 100))
                        .as(ChangeLimit::new)),
                Tuple.of(1, limitedAccount.map(Close::new)));
        return action.list().ofMinSize(30).ofMaxSize(60);
    }

    // ---- one run -----------------------------------------------------------------------------------------------

    /** A command to send and what the model expects of it; the model has already taken it into account. */
    private record Planned(Object command, Expected expected) {
    }

    /** A reversal as sent, with its amount in minor units for the model (null for "everything"). */
    private record ReversalAttempt(ReverseTransferCommand command, Long amountMinor) {
    }

    /** Plays one sequence against the real write side and the model, comparing after every step. */
    private static final class Run {

        private final CommandSide ledger;
        private ReferenceLedger model = new ReferenceLedger();
        /** Every creation sent so far, accepted or refused, so that it can be retried. */
        private final List<Object> creations = new ArrayList<>();
        private Instant now = START;
        private int nextId;
        private int step;
        private Action action;

        Run(CommandSide ledger) {
            this.ledger = ledger;
            for (String accountId : ACCOUNTS) {
                boolean unlimited = accountId.equals(SETTLEMENT);
                long limitMinor = unlimited ? 0 : LIMITS_MINOR.get(accountId);
                ledger.send(new OpenAccountCommand(accountId, EUR, accountId, limitMinor, unlimited));
                model.open(accountId, limitMinor, unlimited);
            }
        }

        void play(List<Action> actions) {
            for (Action next : actions) {
                step++;
                action = next;
                if (next instanceof Tick tick) {
                    now = now.plusSeconds(tick.seconds());
                } else if (next instanceof Batch batch) {
                    runBatch(batch);
                } else {
                    Planned planned = plan(next);
                    if (planned != null) {
                        runAlone(planned);
                    }
                }
                assertBalancesAgree();
            }
            assertMovementsAgree();
        }

        // ---- planning: the command for an action, and the model's answer to it ---------------------------------

        private Planned plan(Action next) {
            if (next instanceof Transfer transfer) {
                return planTransfer(new TransferFundsCommand("t-" + nextId++, ACCOUNTS.get(transfer.from()),
                        ACCOUNTS.get((transfer.from() + transfer.toOffset()) % ACCOUNTS.size()),
                        transfer.amountMinor(), EUR, Map.of()));
            }
            if (next instanceof PlaceHold hold) {
                return planHold(new PlaceHoldCommand("h-" + nextId++, ACCOUNTS.get(hold.from()),
                        ACCOUNTS.get((hold.from() + hold.toOffset()) % ACCOUNTS.size()), hold.amountMinor(), EUR,
                        Map.of(), hold.timeoutSeconds(), null, now));
            }
            if (next instanceof Post post) {
                return planPost(post);
            }
            if (next instanceof Void voidHold) {
                String id = pickHold(voidHold.pick(), voidHold.anyTransfer());
                return id == null ? null : new Planned(new VoidHoldCommand(id, now), model.voidHold(id, now));
            }
            if (next instanceof Expire expire) {
                String id = pickHold(expire.pick(), expire.anyTransfer());
                return id == null ? null : new Planned(new ExpireHoldCommand(id, now), model.expire(id, now));
            }
            if (next instanceof Reverse reverse) {
                return planReversal(reverse);
            }
            if (next instanceof Retry retry) {
                return planRetry(retry);
            }
            if (next instanceof Freeze freeze) {
                String id = ACCOUNTS.get(freeze.account());
                return new Planned(new FreezeAccountCommand(id, "Review"), model.freeze(id));
            }
            if (next instanceof Unfreeze unfreeze) {
                String id = ACCOUNTS.get(unfreeze.account());
                return new Planned(new UnfreezeAccountCommand(id, "Cleared"), model.unfreeze(id));
            }
            if (next instanceof ChangeLimit change) {
                String id = ACCOUNTS.get(change.account());
                return new Planned(new ChangeOverdraftLimitCommand(id, decimal(change.limitMinor()), false, "Review"),
                        model.changeLimit(id, change.limitMinor()));
            }
            if (next instanceof Close close) {
                String id = ACCOUNTS.get(close.account());
                return new Planned(new CloseAccountCommand(id, "Customer left"), model.close(id));
            }
            throw new IllegalArgumentException("Unknown action " + next);
        }

        private Planned planTransfer(TransferFundsCommand command) {
            creations.add(command);
            return new Planned(command, model.transfer(command.transferId(), command.debitAccountId(),
                    command.creditAccountId(), command.amountMinor()));
        }

        private Planned planHold(PlaceHoldCommand command) {
            creations.add(command);
            return new Planned(command, model.placeHold(command.transferId(), command.debitAccountId(),
                    command.creditAccountId(), command.amountMinor(), command.timeoutSeconds(),
                    command.requestedAt()));
        }

        private Planned planPost(Post post) {
            String id = pickHold(post.pick(), post.anyTransfer());
            if (id == null) {
                return null;
            }
            Long amountMinor = post.percent() == 0 ? null
                    : Math.max(1, model.movements.get(id).amountMinor * post.percent() / 100);
            return new Planned(new PostHoldCommand(id, amountMinor == null ? null : decimal(amountMinor), now),
                    model.post(id, amountMinor, now));
        }

        private Planned planReversal(Reverse reverse) {
            String originalId = pickMovement(reverse.pick());
            if (originalId == null) {
                return null;
            }
            Movement original = model.movements.get(originalId);
            long remainingMinor = original.movedMinor - original.reversedMinor;
            Long amountMinor = reverse.percent() == 0 ? null : Math.max(1, remainingMinor * reverse.percent() / 100);
            return planReversal(new ReverseTransferCommand("r-" + nextId++, originalId,
                    amountMinor == null ? null : decimal(amountMinor), Map.of()), amountMinor);
        }

        private Planned planReversal(ReverseTransferCommand command, Long amountMinor) {
            creations.add(new ReversalAttempt(command, amountMinor));
            return new Planned(command, model.reverse(command.reversalId(), command.originalTransferId(), amountMinor));
        }

        private Planned planRetry(Retry retry) {
            if (creations.isEmpty()) {
                return null;
            }
            long extraMinor = retry.alter() ? 1 : 0;
            Object earlier = creations.get(retry.pick() % creations.size());
            if (earlier instanceof TransferFundsCommand transfer) {
                return planTransfer(new TransferFundsCommand(transfer.transferId(), transfer.debitAccountId(),
                        transfer.creditAccountId(), transfer.amountMinor() + extraMinor, EUR, Map.of()));
            }
            if (earlier instanceof PlaceHoldCommand hold) {
                // A retry arrives later: the server stamps it with the time it arrives.
                return planHold(new PlaceHoldCommand(hold.transferId(), hold.debitAccountId(),
                        hold.creditAccountId(), hold.amountMinor() + extraMinor, EUR, Map.of(),
                        hold.timeoutSeconds(), null, now));
            }
            ReversalAttempt reversal = (ReversalAttempt) earlier;
            Long amountMinor = reversal.amountMinor() == null ? null : reversal.amountMinor() + extraMinor;
            ReverseTransferCommand command = reversal.command();
            return planReversal(new ReverseTransferCommand(command.reversalId(), command.originalTransferId(),
                    amountMinor == null ? null : decimal(amountMinor), Map.of()), amountMinor);
        }

        /** A hold, or now and then any transfer so that outcomes meet transfers that are not holds. */
        private String pickHold(int pick, boolean anyTransfer) {
            if (anyTransfer || model.holdIds.isEmpty()) {
                return pickMovement(pick);
            }
            return model.holdIds.get(pick % model.holdIds.size());
        }

        private String pickMovement(int pick) {
            if (model.movements.isEmpty()) {
                return null;
            }
            return new ArrayList<>(model.movements.keySet()).get(pick % model.movements.size());
        }

        // ---- running and comparing -----------------------------------------------------------------------------

        private void runAlone(Planned planned) {
            long eventsBefore = ledger.eventCount();
            CommandOutcome<?> outcome = null;
            LedgerErrorCode refusal = null;
            try {
                outcome = ledger.send(planned.command());
            } catch (LedgerException refused) {
                refusal = refused.code();
            }
            String expectation = context() + " expected " + planned.expected();
            if (planned.expected().accepted()) {
                assertThat(refusal).as(expectation).isNull();
                assertThat(outcome.repeated()).as(expectation).isEqualTo(planned.expected().repeated());
                assertResultAgrees(planned.command(), outcome.result());
            } else {
                assertThat(refusal).as(expectation).isIn(planned.expected().codes());
            }
            if (!planned.expected().accepted() || planned.expected().repeated()) {
                assertThat(ledger.eventCount()).as(context() + " wrote nothing").isEqualTo(eventsBefore);
            }
        }

        private void runBatch(Batch batch) {
            ReferenceLedger before = model.copy();
            List<Planned> items = new ArrayList<>();
            int firstRefused = -1;
            for (Action item : batch.items()) {
                Planned planned = plan(item);
                if (planned == null) {
                    continue;
                }
                items.add(planned);
                if (!planned.expected().accepted() && batch.atomic()) {
                    // An atomic batch stops at its first refusal and writes nothing of it.
                    firstRefused = items.size() - 1;
                    model = before;
                    break;
                }
            }
            if (items.isEmpty()) {
                return;
            }
            ExecuteBatchCommand command = new ExecuteBatchCommand(
                    items.stream().map(planned -> (BatchableCommand) planned.command()).toList(), batch.atomic());
            long eventsBefore = ledger.eventCount();
            if (firstRefused >= 0) {
                int refusedIndex = firstRefused;
                assertThatExceptionOfType(BatchItemRefusedException.class).as(context() + " refused as a whole")
                        .isThrownBy(() -> ledger.send(command))
                        .satisfies(refusal -> {
                            assertThat(refusal.itemIndex()).as(context() + " refused item").isEqualTo(refusedIndex);
                            assertThat(refusal.code()).as(context() + " code of the refused item")
                                    .isIn(items.get(refusedIndex).expected().codes());
                        });
                assertThat(ledger.eventCount()).as(context() + " wrote nothing").isEqualTo(eventsBefore);
                return;
            }
            BatchResult result = ledger.send(command);
            assertThat(result.items()).as(context() + " answers every item").hasSize(items.size());
            for (int index = 0; index < items.size(); index++) {
                assertItemAgrees(index, items.get(index), result.items().get(index));
            }
        }

        private void assertItemAgrees(int index, Planned planned, BatchItemResult item) {
            String expectation = context() + " item " + index + " " + planned.command() + " expected "
                    + planned.expected();
            assertThat(item.index()).as(expectation).isEqualTo(index);
            Expected expected = planned.expected();
            if (!expected.accepted()) {
                assertThat(item.status()).as(expectation).isEqualTo(BatchItemResult.Status.REFUSED);
                assertThat(item.code()).as(expectation).isIn(expected.codes());
                return;
            }
            assertThat(item.status()).as(expectation).isEqualTo(
                    expected.repeated() ? BatchItemResult.Status.REPEATED : BatchItemResult.Status.CREATED);
            assertResultAgrees(planned.command(), item.receipt() != null ? item.receipt() : item.resolution());
        }

        /** The few figures of an accepted answer that the model knows. */
        private void assertResultAgrees(Object command, Object result) {
            if (command instanceof PlaceHoldCommand hold) {
                assertThat(((TransferReceipt) result).expiresAt()).as(context())
                        .isEqualTo(model.movements.get(hold.transferId()).expiresAt);
            } else if (command instanceof PostHoldCommand post) {
                Movement hold = model.movements.get(post.transferId());
                HoldResolution resolution = (HoldResolution) result;
                assertThat(resolution.postedMinor()).as(context()).isEqualTo(hold.movedMinor);
                assertThat(resolution.releasedMinor()).as(context()).isEqualTo(hold.amountMinor - hold.movedMinor);
            } else if (command instanceof ReverseTransferCommand reversal) {
                assertThat(((TransferReceipt) result).amountMinor()).as(context())
                        .isEqualTo(model.movements.get(reversal.reversalId()).amountMinor);
            }
        }

        private void assertBalancesAgree() {
            long postedSumMinor = 0;
            long pendingDebitsSumMinor = 0;
            long pendingCreditsSumMinor = 0;
            for (String accountId : ACCOUNTS) {
                Balance real = ledger.balanceOf(accountId);
                ReferenceLedger.Account expected = model.accounts.get(accountId);
                assertThat(real).as(context() + " balances of " + accountId).isEqualTo(new Balance(
                        expected.postedMinor, expected.pendingDebitsMinor, expected.pendingCreditsMinor));
                postedSumMinor += real.postedMinor();
                pendingDebitsSumMinor += real.pendingDebitsMinor();
                pendingCreditsSumMinor += real.pendingCreditsMinor();
            }
            assertThat(postedSumMinor).as(context() + " sum of posted balances").isZero();
            assertThat(pendingDebitsSumMinor).as(context() + " pending debits against pending credits")
                    .isEqualTo(pendingCreditsSumMinor);
        }

        /** Each hold's outcome and each transfer's reversed total, as its own stream records them. */
        private void assertMovementsAgree() {
            for (Movement movement : model.movements.values()) {
                List<Object> events = ledger.transferEvents(movement.id);
                long reversedMinor = events.stream()
                        .filter(TransferReversedEvent.class::isInstance).map(TransferReversedEvent.class::cast)
                        .mapToLong(TransferReversedEvent::totalReversedMinor).max().orElse(0);
                assertThat(reversedMinor).as("reversed total of " + movement.id).isEqualTo(movement.reversedMinor);
                if (movement.kind == Kind.HOLD) {
                    assertThat(holdState(events)).as("outcome of " + movement.id).isEqualTo(movement.state);
                }
            }
        }

        private static State holdState(List<Object> events) {
            State state = State.PENDING;
            for (Object event : events) {
                if (event instanceof HoldPostedEvent) {
                    state = State.POSTED;
                } else if (event instanceof HoldVoidedEvent) {
                    state = State.VOIDED;
                } else if (event instanceof HoldExpiredEvent) {
                    state = State.EXPIRED;
                }
            }
            return state;
        }

        private String context() {
            return "step " + step + " (" + action + ") at " + now;
        }
    }

    /** Minor units of EUR as the decimal string the commands carry. */
    private static String decimal(long minor) {
        return String.format("%d.%02d", minor / 100, minor % 100);
    }
}
