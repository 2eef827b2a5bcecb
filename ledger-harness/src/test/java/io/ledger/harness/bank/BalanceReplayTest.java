package io.ledger.harness.bank;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The independent replay gets balances right and catches an account driven beyond its limit. */
class BalanceReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<StoredEvent> events = new ArrayList<>();

    @Test
    void aPostedHoldMovesThePostedPartAndReleasesTheReservation() {
        open("alice", 1_000);
        open("bob", 0);
        event("alice", "AccountHoldReservedEvent", leg("alice", "h1", 400).put("side", "DEBIT"));
        event("bob", "AccountHoldReservedEvent", leg("bob", "h1", 400).put("side", "CREDIT"));
        event("alice", "AccountHoldReleasedEvent", leg("alice", "h1", 400).put("side", "DEBIT"));
        event("alice", "AccountDebitedEvent", leg("alice", "h1", 250));
        event("bob", "AccountHoldReleasedEvent", leg("bob", "h1", 400).put("side", "CREDIT"));
        event("bob", "AccountCreditedEvent", leg("bob", "h1", 250));

        BalanceReplay replay = BalanceReplay.of(events);

        assertThat(replay.balances()).containsEntry("alice", new Balances(-250, 0, 0))
                .containsEntry("bob", new Balances(250, 0, 0));
        assertThat(replay.postedSumByCurrency()).isEqualTo(Map.of("EUR", 0L));
        assertThat(replay.limitViolations()).isEmpty();
    }

    @Test
    void aDebitBeyondTheOverdraftLimitIsReported() {
        open("alice", 100);
        open("bob", 0);
        event("alice", "AccountDebitedEvent", leg("alice", "t1", 101));
        event("bob", "AccountCreditedEvent", leg("bob", "t1", 101));

        assertThat(BalanceReplay.of(events).limitViolations()).singleElement().asString().contains("alice", "t1");
    }

    @Test
    void aReservationBeyondTheLimitCountsAgainstTheAvailableBalance() {
        open("alice", 100);
        event("alice", "AccountHoldReservedEvent", leg("alice", "h1", 150).put("side", "DEBIT"));

        assertThat(BalanceReplay.of(events).limitViolations()).hasSize(1);
    }

    @Test
    void moneyThatAppearsFromNowhereBreaksConservation() {
        open("bob", 0);
        event("bob", "AccountCreditedEvent", leg("bob", "t1", 5));

        assertThat(BalanceReplay.of(events).postedSumByCurrency()).isEqualTo(Map.of("EUR", 5L));
    }

    private void open(String account, long limitMinor) {
        event(account, "AccountOpenedEvent", JSON.createObjectNode().put("accountId", account).put("currency", "EUR")
                .put("overdraftLimitMinor", limitMinor).put("unlimitedOverdraft", false));
    }

    private static ObjectNode leg(String account, String transferId, long amountMinor) {
        return JSON.createObjectNode().put("accountId", account).put("transferId", transferId)
                .put("amountMinor", amountMinor);
    }

    private void event(String account, String type, ObjectNode payload) {
        events.add(new StoredEvent(events.size() + 1, "account:" + account, events.size(), type, payload));
    }
}
