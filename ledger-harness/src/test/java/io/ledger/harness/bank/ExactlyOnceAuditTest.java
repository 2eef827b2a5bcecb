package io.ledger.harness.bank;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledger.harness.bank.Discrepancy.Kind;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The exactly-once audit finds what it must find: each kind of discrepancy, from a hand-made store. */
class ExactlyOnceAuditTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<StoredEvent> events = new ArrayList<>();

    @Test
    void anAcknowledgedTransferStoredOnceWithBothLegsIsClean() {
        storeTransfer("t1", 500);

        assertThat(audit(transfer("t1", Outcome.ACKNOWLEDGED))).isEmpty();
    }

    @Test
    void anAcknowledgedTransferMissingFromTheStoreIsLost() {
        assertThat(audit(transfer("t1", Outcome.ACKNOWLEDGED))).extracting(Discrepancy::kind, Discrepancy::id)
                .containsExactly(Tuple.tuple(Kind.LOST, "t1"));
    }

    @Test
    void anAcknowledgedTransferWithOnlyOneLegIsLostToo() {
        storeTransfer("t1", 500);
        events.removeIf(e -> e.type().equals("AccountCreditedEvent"));

        assertThat(audit(transfer("t1", Outcome.ACKNOWLEDGED))).extracting(Discrepancy::kind).containsExactly(Kind.LOST);
    }

    @Test
    void aLegStoredTwiceIsADuplicate() {
        storeTransfer("t1", 500);
        event("account:alice", 9, "AccountDebitedEvent", leg("alice", "t1", 500));

        assertThat(audit(transfer("t1", Outcome.UNKNOWN))).extracting(Discrepancy::kind).contains(Kind.DUPLICATED);
    }

    @Test
    void aRefusedTransferFoundInTheStoreIsAPhantom() {
        storeTransfer("t1", 500);

        assertThat(audit(transfer("t1", Outcome.REFUSED))).extracting(Discrepancy::kind).containsExactly(Kind.PHANTOM);
    }

    @Test
    void aStreamNoClientAskedForIsAPhantom() {
        storeTransfer("nobody-sent-this", 500);

        assertThat(audit()).extracting(Discrepancy::id).contains("nobody-sent-this");
        assertThat(audit()).extracting(Discrepancy::kind).containsOnly(Kind.PHANTOM);
    }

    @Test
    void anUnknownOutcomeMayBeAbsentOrPresentOnce() {
        storeTransfer("t1", 500);

        assertThat(audit(transfer("t1", Outcome.UNKNOWN), transfer("t2", Outcome.UNKNOWN))).isEmpty();
    }

    @Test
    void aTransferStoredWithAnotherAmountIsAltered() {
        storeTransfer("t1", 499);

        assertThat(audit(transfer("t1", Outcome.ACKNOWLEDGED))).extracting(Discrepancy::kind).contains(Kind.ALTERED);
    }

    @Test
    void anAcknowledgedPostWithoutItsEventIsLostAndARefusedOneThatHappenedIsAPhantom() {
        storeHold("h1", 300);
        storeHold("h2", 300);
        event("transfer:h2", 1, "HoldPostedEvent", JSON.createObjectNode().put("transferId", "h2")
                .put("postedMinor", 300));

        List<Discrepancy> found = audit(hold("h1"), hold("h2"), resolution(OpKind.POST, "h1", Outcome.ACKNOWLEDGED),
                resolution(OpKind.POST, "h2", Outcome.REFUSED));

        assertThat(found).extracting(Discrepancy::kind, Discrepancy::id).containsExactlyInAnyOrder(
                Tuple.tuple(Kind.LOST, "h1"),
                Tuple.tuple(Kind.PHANTOM, "h2"));
    }

    @Test
    void aHoldVoidedWithoutAnyClientAskingIsAPhantom() {
        storeHold("h1", 300);
        event("transfer:h1", 1, "HoldVoidedEvent", JSON.createObjectNode().put("transferId", "h1"));

        assertThat(audit(hold("h1"))).extracting(Discrepancy::kind).containsExactly(Kind.PHANTOM);
    }

    private List<Discrepancy> audit(Operation... history) {
        return ExactlyOnceAudit.run(List.of(history), new StoreIndex(events));
    }

    private static Operation transfer(String id, Outcome outcome) {
        return new Operation(OpKind.TRANSFER, id, null, "alice", "bob", "EUR", 500, outcome, "", 1);
    }

    private static Operation hold(String id) {
        return new Operation(OpKind.HOLD, id, null, "alice", "bob", "EUR", 300, Outcome.ACKNOWLEDGED, "", 1);
    }

    private static Operation resolution(OpKind kind, String holdId, Outcome outcome) {
        return new Operation(kind, holdId, null, "alice", "bob", "EUR", 300, outcome,
                outcome == Outcome.REFUSED ? "HOLD_EXPIRED" : "", 1);
    }

    private void storeTransfer(String id, long amountMinor) {
        event("transfer:" + id, 0, "TransferPostedEvent", JSON.createObjectNode().put("transferId", id)
                .put("amountMinor", amountMinor));
        event("account:alice", events.size(), "AccountDebitedEvent", leg("alice", id, amountMinor));
        event("account:bob", events.size(), "AccountCreditedEvent", leg("bob", id, amountMinor));
    }

    private void storeHold(String id, long amountMinor) {
        event("transfer:" + id, 0, "HoldPlacedEvent", JSON.createObjectNode().put("transferId", id)
                .put("amountMinor", amountMinor));
        event("account:alice", events.size(), "AccountHoldReservedEvent",
                leg("alice", id, amountMinor).put("side", "DEBIT"));
        event("account:bob", events.size(), "AccountHoldReservedEvent",
                leg("bob", id, amountMinor).put("side", "CREDIT"));
    }

    private static ObjectNode leg(String account, String transferId, long amountMinor) {
        return JSON.createObjectNode().put("accountId", account).put("transferId", transferId)
                .put("amountMinor", amountMinor);
    }

    private void event(String stream, long sequence, String type, ObjectNode payload) {
        events.add(new StoredEvent(events.size() + 1, stream, sequence, type, payload));
    }
}
