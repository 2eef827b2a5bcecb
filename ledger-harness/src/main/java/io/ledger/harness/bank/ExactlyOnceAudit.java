package io.ledger.harness.bank;

import io.ledger.harness.bank.Discrepancy.Kind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares the history with the event store, operation by operation and then the other way round:
 * every acknowledged operation is in the store exactly once and as asked; no refused operation is; an operation of
 * unknown outcome is there once or not at all, never in part; and nothing is in the store that no client asked for.
 */
final class ExactlyOnceAudit {

    private final StoreIndex store;
    private final List<Discrepancy> found = new ArrayList<>();

    private ExactlyOnceAudit(StoreIndex store) {
        this.store = store;
    }

    static List<Discrepancy> run(List<Operation> history, StoreIndex store) {
        ExactlyOnceAudit audit = new ExactlyOnceAudit(store);
        for (Operation operation : history) {
            if (operation.kind().createsStream()) {
                audit.checkCreation(operation);
            } else {
                audit.checkResolution(operation);
            }
        }
        audit.checkNothingUnasked(history);
        audit.checkNoLegTwice();
        return audit.found;
    }

    private void checkCreation(Operation op) {
        String creationType = switch (op.kind()) {
            case TRANSFER -> "TransferPostedEvent";
            case HOLD -> "HoldPlacedEvent";
            default -> "ReversalPostedEvent";
        };
        long created = store.count(op.id(), creationType);
        int legs = creationLegs(op).size();
        switch (op.outcome()) {
            case ACKNOWLEDGED -> {
                report(created == 0, Kind.LOST, op, "acknowledged, but no " + creationType);
                checkWhole(op, created, legs);
            }
            case REFUSED -> report(!store.stream(op.id()).isEmpty() || legs > 0, Kind.PHANTOM, op,
                    "refused (" + op.code() + "), but " + store.stream(op.id()).size() + " events and " + legs
                            + " legs are stored");
            case UNKNOWN -> {
                report(created == 0 && legs > 0, Kind.PHANTOM, op, legs + " legs without a " + creationType);
                checkWhole(op, created, legs);
            }
        }
    }

    /** Once the operation is there, it is there exactly once, with both of its legs, as it was asked for. */
    private void checkWhole(Operation op, long created, int legs) {
        if (created == 0) {
            return;
        }
        report(created > 1 || legs > 2, Kind.DUPLICATED, op, created + " creation events, " + legs + " legs");
        report(created == 1 && legs < 2, Kind.LOST, op, "torn: " + legs + " of 2 legs stored");
        if (op.kind() == OpKind.REVERSAL) {
            int recorded = store.reversalRecords(op.id()).size();
            report(recorded != 1, recorded == 0 ? Kind.LOST : Kind.DUPLICATED, op,
                    recorded + " TransferReversedEvents on " + op.originalId());
        }
        for (StoredEvent leg : creationLegs(op)) {
            boolean debit = leg.type().equals("AccountDebitedEvent") || "DEBIT".equals(leg.payload().path("side")
                    .asText());
            String expectedAccount = debit ? op.debitAccountId() : op.creditAccountId();
            report(leg.amountMinor() != op.amountMinor() || !leg.streamId().endsWith(":" + expectedAccount),
                    Kind.ALTERED, op, "leg " + leg.globalIndex() + " moves " + leg.amountMinor() + " on "
                            + leg.streamId() + ", asked " + op.amountMinor() + " on " + expectedAccount);
        }
    }

    private List<StoredEvent> creationLegs(Operation op) {
        if (op.kind() == OpKind.HOLD) {
            return store.legs(op.id(), "AccountHoldReservedEvent");
        }
        List<StoredEvent> legs = new ArrayList<>(store.legs(op.id(), "AccountDebitedEvent"));
        legs.addAll(store.legs(op.id(), "AccountCreditedEvent"));
        return legs;
    }

    /** Each hold is resolved by at most one request of the harness, so its outcome event can be told apart. */
    private void checkResolution(Operation op) {
        String type = op.kind() == OpKind.POST ? "HoldPostedEvent" : "HoldVoidedEvent";
        long stored = store.count(op.id(), type);
        report(stored > 1, Kind.DUPLICATED, op, stored + " " + type + "s");
        switch (op.outcome()) {
            case ACKNOWLEDGED -> {
                report(stored == 0, Kind.LOST, op, "acknowledged, but no " + type);
                if (op.kind() == OpKind.POST && stored == 1) {
                    long posted = store.stream(op.id()).stream().filter(e -> e.type().equals(type)).findFirst()
                            .orElseThrow().payload().path("postedMinor").asLong();
                    report(posted != op.amountMinor(), Kind.ALTERED, op, "posted " + posted + ", asked "
                            + op.amountMinor());
                }
            }
            case REFUSED -> report(stored > 0, Kind.PHANTOM, op, "refused (" + op.code() + "), but " + type
                    + " is stored");
            case UNKNOWN -> { }
        }
    }

    /** Every stream and every leg in the store belongs to an operation a client sent, of the same kind. */
    private void checkNothingUnasked(List<Operation> history) {
        Set<String> created = history.stream().filter(op -> op.kind().createsStream()).map(Operation::id)
                .collect(Collectors.toSet());
        Map<String, Set<OpKind>> resolutions = new HashMap<>();
        history.stream().filter(op -> !op.kind().createsStream())
                .forEach(op -> resolutions.computeIfAbsent(op.id(), k -> new HashSet<>()).add(op.kind()));
        store.transferStreams().forEach((id, events) -> {
            report(!created.contains(id), Kind.PHANTOM, id, "stream of " + events.size()
                    + " events that no client asked for");
            report(store.count(id, "HoldPostedEvent") > 0
                            && !resolutions.getOrDefault(id, Set.of()).contains(OpKind.POST),
                    Kind.PHANTOM, id, "posted, but no client asked to post it");
            report(store.count(id, "HoldVoidedEvent") > 0
                            && !resolutions.getOrDefault(id, Set.of()).contains(OpKind.VOID),
                    Kind.PHANTOM, id, "voided, but no client asked to void it");
        });
        store.legsByOperation().keySet().forEach(id -> report(!created.contains(id), Kind.PHANTOM, id,
                "account legs of an operation no client asked for"));
    }

    /** An account sees each kind of event of one operation at most once (one debit, one reservation, ...). */
    private void checkNoLegTwice() {
        store.legsByOperation().forEach((id, legs) -> legs.stream()
                .collect(Collectors.groupingBy(e -> e.streamId() + " " + e.type(), Collectors.counting()))
                .forEach((where, count) -> report(count > 1, Kind.DUPLICATED, id, count + " times " + where)));
    }

    private void report(boolean wrong, Kind kind, Operation op, String reason) {
        report(wrong, kind, op.id(), op.kind() + " " + op.outcome() + ": " + reason);
    }

    private void report(boolean wrong, Kind kind, String id, String reason) {
        if (wrong) {
            found.add(new Discrepancy(kind, id, reason));
        }
    }
}
