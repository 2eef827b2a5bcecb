package io.ledger.query.compliance;

import io.ledger.core.compliance.AlertType;
import io.ledger.core.compliance.ComplianceAlert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compliance view's movements of one event processor batch, inserted in one JDBC batch when it commits
 * ({@link io.ledger.query.UnitOfWorkBuffer}). The windowed rules' questions of the same batch are answered from
 * the stored rows plus these: a batch of a hundred transfers saves two hundred round trips. The stored answers
 * themselves may be read for the whole batch at once, ahead of its first question; the alerts the batch raises
 * after that are kept here too, so that later questions still see them.
 */
final class MovementBatch {

    /** Stored answers to a question, read when the batch had raised {@code alertsBefore} alerts. */
    record Answer(TransferFacts facts, int alertsBefore) {
    }

    private final List<ComplianceMovement> all = new ArrayList<>();
    private final Map<TransferFacts.Question, Answer> answeredAhead = new HashMap<>();
    private final List<ComplianceAlert> raised = new ArrayList<>();
    private final Map<String, List<ComplianceMovement>> byAccount = new HashMap<>();
    private final Set<String> keys = new HashSet<>();

    void add(ComplianceMovement m) {
        if (!keys.add(m.accountId() + "|" + m.direction() + "|" + m.transferId())) {
            throw new IllegalStateException("Movement " + m.transferId() + " of " + m.accountId() + " twice");
        }
        all.add(m);
        byAccount.computeIfAbsent(m.accountId(), id -> new ArrayList<>()).add(m);
    }

    List<ComplianceMovement> all() {
        return all;
    }

    /** The account's buffered movements of {@code direction} within (after, upTo]. */
    List<ComplianceMovement> within(String accountId, MovementDirection direction, Instant after, Instant upTo) {
        List<ComplianceMovement> found = new ArrayList<>();
        for (ComplianceMovement m : byAccount.getOrDefault(accountId, List.of())) {
            if (m.direction() == direction && m.recordedAt().isAfter(after) && !m.recordedAt().isAfter(upTo)) {
                found.add(m);
            }
        }
        return found;
    }

    /** Of {@link #within}, those in {@code currency} below {@code belowMinor}: count and sum. */
    MovementTotals smallTotals(String accountId, MovementDirection direction, String currency, long belowMinor,
                               Instant after, Instant upTo) {
        MovementTotals totals = MovementTotals.NONE;
        for (ComplianceMovement m : within(accountId, direction, after, upTo)) {
            if (currency.equals(m.currency()) && m.amountMinor() != null && m.amountMinor() < belowMinor) {
                totals = totals.plus(m.amountMinor());
            }
        }
        return totals;
    }

    /** Keeps stored answers read ahead of the batch's questions. */
    void answeredAhead(Map<TransferFacts.Question, TransferFacts> answers) {
        answers.forEach((question, facts) -> answeredAhead.put(question, new Answer(facts, raised.size())));
    }

    /** The stored answer read ahead for the question, or null. */
    Answer askedAhead(TransferFacts.Question question) {
        return answeredAhead.get(question);
    }

    /** A stored answer read just now: every alert the batch raised is already in it. */
    Answer answerNow(TransferFacts facts) {
        return new Answer(facts, raised.size());
    }

    /** An alert the batch raised (and wrote); answers read before it do not know it. */
    void raised(ComplianceAlert alert) {
        raised.add(alert);
    }

    /**
     * The answer with the alerts the batch raised after it was read: a rule that has now raised within its window
     * is raised, and its figures are not asked (see {@link TransferFacts}).
     */
    TransferFacts withAlertsRaisedSince(Answer answer, TransferFacts.Question q) {
        TransferFacts facts = answer.facts();
        boolean debitStructuring = facts.debitStructuringRaised()
                || raisedSince(answer, AlertType.STRUCTURING, q.debit(), q.structuringAfter());
        boolean creditStructuring = facts.creditStructuringRaised()
                || raisedSince(answer, AlertType.STRUCTURING, q.credit(), q.structuringAfter());
        boolean debitVelocity = facts.debitVelocityRaised()
                || raisedSince(answer, AlertType.VELOCITY, q.debit(), q.velocityAfter());
        return new TransferFacts(debitStructuring, creditStructuring, debitVelocity,
                debitStructuring ? MovementTotals.NONE : facts.debitSmall(),
                creditStructuring ? MovementTotals.NONE : facts.creditSmall(),
                debitVelocity ? 0 : facts.debitOutgoing());
    }

    private boolean raisedSince(Answer answer, AlertType type, String accountId, Instant after) {
        for (ComplianceAlert alert : raised.subList(answer.alertsBefore(), raised.size())) {
            if (alert.type() == type && alert.accountId().equals(accountId) && alert.raisedAt().isAfter(after)) {
                return true;
            }
        }
        return false;
    }

    void discard() {
        all.clear();
        byAccount.clear();
        keys.clear();
        answeredAhead.clear();
        raised.clear();
    }
}
