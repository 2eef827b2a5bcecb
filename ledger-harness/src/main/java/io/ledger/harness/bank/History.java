package io.ledger.harness.bank;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every operation the clients sent, with its outcome, plus what later operations may build on: acknowledged holds
 * (each handed out once, so that every hold gets at most one post or void from the harness, and any second outcome
 * in the store can only be the ledger's doing) and acknowledged transfers (which may be reversed, in part, any
 * number of times).
 */
final class History {

    private final Queue<Operation> operations = new ConcurrentLinkedQueue<>();
    private final List<Operation> unresolvedHolds = new ArrayList<>();
    private final List<Operation> reversibleTransfers = new ArrayList<>();

    void record(Operation operation) {
        operations.add(operation);
        if (operation.outcome() != Outcome.ACKNOWLEDGED) {
            return;
        }
        synchronized (this) {
            if (operation.kind() == OpKind.HOLD) {
                unresolvedHolds.add(operation);
            } else if (operation.kind() == OpKind.TRANSFER) {
                reversibleTransfers.add(operation);
            }
        }
    }

    /** Takes an acknowledged hold that no client has tried to resolve yet; no other client will get it. */
    synchronized Optional<Operation> claimHold(Random random) {
        if (unresolvedHolds.isEmpty()) {
            return Optional.empty();
        }
        int last = unresolvedHolds.size() - 1;
        int pick = random.nextInt(unresolvedHolds.size());
        Operation hold = unresolvedHolds.get(pick);
        unresolvedHolds.set(pick, unresolvedHolds.get(last));
        unresolvedHolds.remove(last);
        return Optional.of(hold);
    }

    synchronized Optional<Operation> anyAcknowledgedTransfer(Random random) {
        if (reversibleTransfers.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(reversibleTransfers.get(random.nextInt(reversibleTransfers.size())));
    }

    List<Operation> operations() {
        return List.copyOf(operations);
    }
}
