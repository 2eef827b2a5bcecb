package io.ledger.query.compliance;

import io.ledger.core.LedgerIds;
import io.ledger.core.compliance.AlertReviewedEvent;
import io.ledger.core.compliance.AlertType;
import io.ledger.core.compliance.ComplianceAlert;
import io.ledger.core.compliance.ComplianceRules;
import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.money.Amounts;
import io.ledger.core.refusal.CommandRefusedEvent;
import io.ledger.core.transfer.HoldPostedEvent;
import io.ledger.core.transfer.ReversalPostedEvent;
import io.ledger.core.transfer.TransferPostedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;

/**
 * The compliance view: alerts raised by the {@link ComplianceRules} over posted movements (transfers, reversals,
 * the posted part of holds) and recorded refusals, and their reviews. Deterministic and safe to replay: every
 * window is measured from event timestamps over rows this projection wrote itself, never from the clock.
 *
 * <p>Windowed rules raise once per burst: while an alert of the same type on the same account lies within the
 * window, no further one is raised for that account.
 */
@ProcessingGroup(ComplianceProjection.PROCESSING_GROUP)
public class ComplianceProjection {

    public static final String PROCESSING_GROUP = "compliance";

    private final ComplianceStore store;
    private final ComplianceRules rules;

    public ComplianceProjection(ComplianceStore store, ComplianceRules rules) {
        this.store = store;
        this.rules = rules;
    }

    @EventHandler
    void on(TransferPostedEvent event, @Timestamp Instant recordedAt) {
        moved(event.transferId(), event.debitAccountId(), event.creditAccountId(), event.amountMinor(),
                event.currency(), recordedAt);
    }

    @EventHandler
    void on(ReversalPostedEvent event, @Timestamp Instant recordedAt) {
        moved(event.reversalId(), event.debitAccountId(), event.creditAccountId(), event.amountMinor(),
                event.currency(), recordedAt);
    }

    @EventHandler
    void on(HoldPostedEvent event, @Timestamp Instant recordedAt) {
        if (event.postedMinor() > 0) {
            moved(event.transferId(), event.debitAccountId(), event.creditAccountId(), event.postedMinor(),
                    event.currency(), recordedAt);
        }
    }

    @EventHandler
    void on(CommandRefusedEvent event, @Timestamp Instant recordedAt) {
        if (LedgerErrorCode.ACCOUNT_FROZEN.name().equals(event.code())
                || LedgerErrorCode.ACCOUNT_CLOSED.name().equals(event.code())) {
            refusedOnFrozenOrClosed(event, recordedAt);
        } else if (LedgerErrorCode.INSUFFICIENT_FUNDS.name().equals(event.code())) {
            refusedForInsufficientFunds(event, recordedAt);
        }
    }

    @EventHandler
    void on(AlertReviewedEvent event, @Timestamp Instant reviewedAt) {
        store.markReviewed(event.alertId(), event.reviewer(), event.note(), reviewedAt);
    }

    @ResetHandler
    void onReset() {
        store.clear();
    }

    private void moved(String transferId, String debit, String credit, long amountMinor, String currency,
                       Instant at) {
        store.recordMovement(new ComplianceMovement(debit, MovementDirection.DEBIT, transferId, amountMinor,
                currency, at));
        store.recordMovement(new ComplianceMovement(credit, MovementDirection.CREDIT, transferId, amountMinor,
                currency, at));
        long thresholdMinor = rules.largeThresholdMinor(currency);
        boolean large = amountMinor >= thresholdMinor;
        TransferFacts facts = store.transferFacts(new TransferFacts.Question(debit, credit, currency, thresholdMinor,
                at.minus(rules.structuringWindow()), at.minus(rules.velocityWindow()), at, !large));
        if (large) {
            raise(AlertType.LARGE_TRANSACTION, transferId, debit, transferId, amountMinor, currency, at,
                    "Transfer " + transferId + " of " + money(amountMinor, currency) + " from " + debit + " to "
                            + credit + " reaches the large-transaction threshold of "
                            + money(thresholdMinor, currency) + ".");
        } else {
            // One alert per account and window: while one was raised within it, the sums raise nothing.
            if (!facts.debitStructuringRaised()) {
                structuring(debit, MovementDirection.DEBIT, facts.debitSmall(), transferId, currency,
                        thresholdMinor, at);
            }
            if (!facts.creditStructuringRaised()) {
                structuring(credit, MovementDirection.CREDIT, facts.creditSmall(), transferId, currency,
                        thresholdMinor, at);
            }
        }
        if (!facts.debitVelocityRaised()) {
            velocity(debit, facts.debitOutgoing(), transferId, amountMinor, currency, at);
        }
    }

    /** Transfers on one side of an account, each below the threshold, that together reach it within the window. */
    private void structuring(String account, MovementDirection side, MovementTotals small, String transferId,
                             String currency, long thresholdMinor, Instant at) {
        long sumMinor = small.sumMinor();
        if (small.count() < 2 || sumMinor < thresholdMinor) {
            return;
        }
        raise(AlertType.STRUCTURING, transferId + ":" + account, account, transferId, sumMinor, currency, at,
                small.count() + " " + (side == MovementDirection.DEBIT ? "outgoing" : "incoming")
                        + " transfers below " + money(thresholdMinor, currency) + " on " + account + " sum to "
                        + money(sumMinor, currency) + " within " + describe(rules.structuringWindow()) + ".");
    }

    /** More outgoing transfers from one account within the velocity window than the rules allow. */
    private void velocity(String account, int count, String transferId, long amountMinor, String currency,
                          Instant at) {
        if (count <= rules.velocityMaxTransfers()) {
            return;
        }
        raise(AlertType.VELOCITY, transferId + ":" + account, account, transferId, amountMinor, currency, at,
                count + " outgoing transfers from " + account + " within " + describe(rules.velocityWindow())
                        + " exceed the limit of " + rules.velocityMaxTransfers() + ".");
    }

    private void refusedOnFrozenOrClosed(CommandRefusedEvent event, Instant at) {
        RefusedAmount refused = RefusedAmount.of(event);
        for (String account : new LinkedHashSet<>(event.accountIds())) {
            if (LedgerIds.isValid(account)) {
                raise(AlertType.REFUSED_ON_FROZEN_OR_CLOSED, event.refusalId() + ":" + account, account,
                        refused.transferId(), refused.amountMinor(), refused.currency(), at,
                        event.commandType() + " naming " + account + " was refused with " + event.code()
                                + " (refusal " + event.refusalId() + ").");
            }
        }
    }

    /** The Nth insufficient-funds refusal on the same debit account within the window raises, once per burst. */
    private void refusedForInsufficientFunds(CommandRefusedEvent event, Instant at) {
        String account = event.request().getOrDefault("debitAccountId",
                event.accountIds().isEmpty() ? null : event.accountIds().get(0));
        if (!LedgerIds.isValid(account)) {
            return;
        }
        RefusedAmount refused = RefusedAmount.of(event);
        store.recordMovement(new ComplianceMovement(account, MovementDirection.INSUFFICIENT_FUNDS, event.refusalId(),
                refused.amountMinor(), refused.currency(), at));
        Instant windowStart = at.minus(rules.insufficientFundsWindow());
        int count = store.movements(account, MovementDirection.INSUFFICIENT_FUNDS, windowStart, at).size();
        if (count < rules.insufficientFundsRepeatCount()
                || store.raisedSince(AlertType.REPEATED_INSUFFICIENT_FUNDS, account, windowStart)) {
            return;
        }
        raise(AlertType.REPEATED_INSUFFICIENT_FUNDS, event.refusalId() + ":" + account, account,
                refused.transferId(), refused.amountMinor(), refused.currency(), at,
                count + " refusals for insufficient funds on " + account + " within "
                        + describe(rules.insufficientFundsWindow()) + " (latest: refusal " + event.refusalId() + ").");
    }

    private void raise(AlertType type, String idSuffix, String account, String transferId, Long amountMinor,
                       String currency, Instant at, String details) {
        store.raise(ComplianceAlert.open(type.name() + ":" + idSuffix, type, account, transferId, amountMinor,
                currency, at, rules.version(), details));
    }

    private static String money(long minor, String currency) {
        return Amounts.format(minor, currency) + " " + currency;
    }

    private static String describe(Duration window) {
        return window.toString().substring(2).toLowerCase();
    }

    /** What a refused command said it would move, when it said so in a form the view can read. */
    private record RefusedAmount(String transferId, Long amountMinor, String currency) {

        static RefusedAmount of(CommandRefusedEvent event) {
            String transferId = event.request().get("transferId");
            String currency = event.request().get("currency");
            Long amountMinor = null;
            try {
                Amounts.format(0, currency);
                amountMinor = Long.valueOf(event.request().get("amountMinor"));
            } catch (RuntimeException unreadable) {
                currency = null;
            }
            return new RefusedAmount(LedgerIds.isValid(transferId) ? transferId : null, amountMinor,
                    amountMinor == null ? null : currency);
        }
    }
}
