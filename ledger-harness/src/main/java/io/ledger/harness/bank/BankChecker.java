package io.ledger.harness.bank;

import io.ledger.harness.bank.Discrepancy.Kind;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The checks of a run that the harness makes itself, from the history, the event store read over JDBC, and what
 * the service's read models answered over HTTP.
 */
final class BankChecker {

    /** The refusals a correct ledger gives this workload; any other code means a bug in the ledger or harness. */
    static final Set<String> EXPECTED_REFUSALS = Set.of("INSUFFICIENT_FUNDS", "HOLD_EXPIRED",
            "REVERSAL_EXCEEDS_ORIGINAL");

    private final List<Operation> history;
    private final StoreIndex store;
    private final BalanceReplay replay;
    private final ServiceView view;
    private final List<Discrepancy> discrepancies;

    BankChecker(List<Operation> history, List<StoredEvent> events, ServiceView view) {
        this.history = history;
        this.store = new StoreIndex(events);
        this.replay = BalanceReplay.of(events);
        this.view = view;
        this.discrepancies = ExactlyOnceAudit.run(history, store);
    }

    List<Discrepancy> discrepancies() {
        return discrepancies;
    }

    long count(Kind kind) {
        return discrepancies.stream().filter(d -> d.kind() == kind).map(Discrepancy::id).distinct().count();
    }

    BalanceReplay replay() {
        return replay;
    }

    Map<String, Long> trialBalanceSums() {
        Map<String, Long> sums = new TreeMap<>();
        view.trialBalance().forEach((currency, line) -> sums.put(currency, line.balanceSumMinor()));
        return sums;
    }

    List<CheckResult> checks() {
        List<CheckResult> checks = new ArrayList<>();
        checks.add(noDiscrepancy("no-acknowledged-operation-lost", Kind.LOST));
        checks.add(noDiscrepancy("no-operation-stored-twice", Kind.DUPLICATED));
        checks.add(noDiscrepancy("no-refused-or-unasked-operation-stored", Kind.PHANTOM));
        checks.add(noDiscrepancy("every-stored-operation-as-asked", Kind.ALTERED));
        checks.add(everyHoldHasAtMostOneOutcome());
        checks.add(onlyExpectedRefusals());
        checks.add(everyKindAcknowledged());
        checks.add(CheckResult.of("no-balance-beyond-its-limit", replay.limitViolations().isEmpty(),
                firstFew(replay.limitViolations())));
        checks.add(conservation());
        checks.add(readModelsEqualReplay());
        return checks;
    }

    private CheckResult noDiscrepancy(String name, Kind kind) {
        List<String> found = discrepancies.stream().filter(d -> d.kind() == kind)
                .map(d -> d.id() + ": " + d.reason()).toList();
        return CheckResult.of(name, found.isEmpty(), found.isEmpty() ? "none" : firstFew(found));
    }

    /**
     * A hold is posted, voided or expired at most once in all, and its reservations are released exactly when it
     * has an outcome; a post or void refused as HOLD_EXPIRED is matched by a stored expiry.
     */
    private CheckResult everyHoldHasAtMostOneOutcome() {
        List<String> wrong = new ArrayList<>();
        store.transferStreams().forEach((id, events) -> {
            if (store.count(id, "HoldPlacedEvent") == 0) {
                return;
            }
            long outcomes = store.count(id, "HoldPostedEvent") + store.count(id, "HoldVoidedEvent")
                    + store.count(id, "HoldExpiredEvent");
            int releases = store.legs(id, "AccountHoldReleasedEvent").size();
            if (outcomes > 1 || releases != 2 * outcomes) {
                wrong.add(id + ": " + outcomes + " outcomes, " + releases + " releases");
            }
        });
        history.stream().filter(op -> "HOLD_EXPIRED".equals(op.code()))
                .filter(op -> store.count(op.id(), "HoldExpiredEvent") != 1)
                .forEach(op -> wrong.add(op.id() + ": " + op.kind() + " refused as expired, but no expiry stored"));
        return CheckResult.of("every-hold-has-at-most-one-outcome", wrong.isEmpty(), firstFew(wrong));
    }

    private CheckResult onlyExpectedRefusals() {
        Map<String, Long> unexpected = history.stream()
                .filter(op -> op.outcome() == Outcome.REFUSED && !EXPECTED_REFUSALS.contains(op.code()))
                .collect(Collectors.groupingBy(op -> op.kind() + " " + op.code(), TreeMap::new,
                        Collectors.counting()));
        return CheckResult.of("refusals-are-business-refusals", unexpected.isEmpty(),
                unexpected.isEmpty() ? "only " + EXPECTED_REFUSALS : "unexpected: " + unexpected);
    }

    /** A run that never got a post or a reversal acknowledged has not tested them. */
    private CheckResult everyKindAcknowledged() {
        Set<OpKind> missing = EnumSet.allOf(OpKind.class);
        history.stream().filter(op -> op.outcome() == Outcome.ACKNOWLEDGED).forEach(op -> missing.remove(op.kind()));
        return CheckResult.of("every-kind-of-operation-acknowledged", missing.isEmpty(),
                missing.isEmpty() ? "all of " + List.of(OpKind.values()) : "never acknowledged: " + missing);
    }

    /**
     * Every account opened at zero and money only moves between accounts of one currency, so per currency the
     * posted balances sum to zero, in the events and in the service's trial balance alike.
     */
    private CheckResult conservation() {
        Map<String, Long> replayed = replay.postedSumByCurrency();
        Map<String, Long> reported = trialBalanceSums();
        boolean zero = replayed.values().stream().allMatch(sum -> sum == 0);
        boolean balanced = view.trialBalance().values().stream()
                .allMatch(l -> l.totalDebitsMinor() == l.totalCreditsMinor());
        return CheckResult.of("conservation-per-currency", zero && balanced && replayed.equals(reported),
                "sum of posted balances from the events " + replayed + ", from the trial balance " + reported
                        + (balanced ? "" : ", debits differ from credits") + view.why());
    }

    private CheckResult readModelsEqualReplay() {
        List<String> differences = new ArrayList<>();
        replay.balances().forEach((account, replayed) -> {
            Balances answered = view.balances().get(account);
            if (!replayed.equals(answered)) {
                differences.add(account + ": events " + replayed + ", service " + answered);
            }
        });
        return CheckResult.of("balance-view-equals-replay", differences.isEmpty() && !view.balances().isEmpty(),
                (differences.isEmpty() ? view.balances().size() + " accounts equal" : firstFew(differences))
                        + view.why());
    }

    private static String firstFew(List<String> items) {
        if (items.isEmpty()) {
            return "none";
        }
        return items.size() + ": " + String.join("; ", items.subList(0, Math.min(10, items.size())));
    }
}
