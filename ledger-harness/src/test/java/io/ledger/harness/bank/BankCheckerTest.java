package io.ledger.harness.bank;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The checks that go beyond exactly-once fail when their rule is broken, and only then. */
class BankCheckerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVERY_KIND = "every-kind-of-operation-acknowledged";

    private final List<StoredEvent> events = new ArrayList<>();
    private final List<Operation> history = new ArrayList<>();

    @Test
    void aCleanHoldThatWasPostedPassesEveryCheckOfTheStore() {
        placeAndPostHold();

        assertThat(checker(honestView()).checks()).filteredOn(c -> !c.name().equals(EVERY_KIND)).allSatisfy(check ->
                assertThat(check.status()).as(check.name() + ": " + check.detail())
                        .isEqualTo(CheckResult.Status.PASSED));
    }

    @Test
    void aRunThatNeverGotATransferVoidOrReversalAcknowledgedHasNotTestedThem() {
        placeAndPostHold();

        CheckResult everyKind = checker(honestView()).checks().stream().filter(c -> c.name().equals(EVERY_KIND))
                .findFirst().orElseThrow();
        assertThat(everyKind.status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(everyKind.detail()).contains("TRANSFER", "VOID", "REVERSAL").doesNotContain("HOLD");
    }

    @Test
    void aHoldThatWasPostedAndAlsoExpiredHasTwoOutcomes() {
        placeAndPostHold();
        event("transfer:h1", "HoldExpiredEvent", JSON.createObjectNode().put("transferId", "h1"));

        assertThat(status(checker(honestView()), "every-hold-has-at-most-one-outcome"))
                .isEqualTo(CheckResult.Status.FAILED);
    }

    @Test
    void aTrialBalanceThatDisagreesWithTheEventsBreaksConservation() {
        placeAndPostHold();
        ServiceView view = new ServiceView(honestView().balances(),
                Map.of("EUR", new ServiceView.TrialLine(300, 300, 1)));

        assertThat(status(checker(view), "conservation-per-currency")).isEqualTo(CheckResult.Status.FAILED);
    }

    @Test
    void aBalanceViewThatDisagreesWithTheReplayIsReported() {
        placeAndPostHold();
        ServiceView view = new ServiceView(Map.of("alice", new Balances(-300, 0, 0), "bob", new Balances(299, 0, 0)),
                honestView().trialBalance());

        assertThat(status(checker(view), "balance-view-equals-replay")).isEqualTo(CheckResult.Status.FAILED);
    }

    @Test
    void anIdConflictOnARetryIsNotABusinessRefusal() {
        placeAndPostHold();
        history.add(new Operation(OpKind.TRANSFER, "t9", null, "alice", "bob", "EUR", 5, Outcome.REFUSED,
                "ID_CONFLICT", 2));

        assertThat(status(checker(honestView()), "refusals-are-business-refusals"))
                .isEqualTo(CheckResult.Status.FAILED);
    }

    private void placeAndPostHold() {
        open("alice");
        open("bob");
        event("transfer:h1", "HoldPlacedEvent", JSON.createObjectNode().put("transferId", "h1").put("amountMinor", 300));
        event("account:alice", "AccountHoldReservedEvent", leg("alice", 300).put("side", "DEBIT"));
        event("account:bob", "AccountHoldReservedEvent", leg("bob", 300).put("side", "CREDIT"));
        event("transfer:h1", "HoldPostedEvent", JSON.createObjectNode().put("transferId", "h1").put("postedMinor", 300));
        event("account:alice", "AccountHoldReleasedEvent", leg("alice", 300).put("side", "DEBIT"));
        event("account:alice", "AccountDebitedEvent", leg("alice", 300));
        event("account:bob", "AccountHoldReleasedEvent", leg("bob", 300).put("side", "CREDIT"));
        event("account:bob", "AccountCreditedEvent", leg("bob", 300));
        history.add(new Operation(OpKind.HOLD, "h1", null, "alice", "bob", "EUR", 300, Outcome.ACKNOWLEDGED, "", 1));
        history.add(new Operation(OpKind.POST, "h1", null, "alice", "bob", "EUR", 300, Outcome.ACKNOWLEDGED, "", 1));
    }

    private static ServiceView honestView() {
        return new ServiceView(Map.of("alice", new Balances(-300, 0, 0), "bob", new Balances(300, 0, 0)),
                Map.of("EUR", new ServiceView.TrialLine(300, 300, 0)));
    }

    private BankChecker checker(ServiceView view) {
        return new BankChecker(history, events, view);
    }

    private static CheckResult.Status status(BankChecker checker, String name) {
        return checker.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().status();
    }

    private void open(String account) {
        event("account:" + account, "AccountOpenedEvent", JSON.createObjectNode().put("accountId", account)
                .put("currency", "EUR").put("overdraftLimitMinor", 1_000).put("unlimitedOverdraft", false));
    }

    private static ObjectNode leg(String account, long amountMinor) {
        return JSON.createObjectNode().put("accountId", account).put("transferId", "h1").put("amountMinor", amountMinor);
    }

    private void event(String stream, String type, ObjectNode payload) {
        long sequence = events.stream().filter(e -> e.streamId().equals(stream)).count();
        events.add(new StoredEvent(events.size() + 1, stream, sequence, type, payload));
    }
}
