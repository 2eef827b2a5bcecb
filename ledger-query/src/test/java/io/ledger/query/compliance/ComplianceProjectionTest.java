package io.ledger.query.compliance;

import io.ledger.core.compliance.AlertReviewedEvent;
import io.ledger.core.compliance.AlertStatus;
import io.ledger.core.compliance.AlertType;
import io.ledger.core.compliance.ComplianceAlert;
import io.ledger.core.compliance.ComplianceRules;
import io.ledger.core.compliance.FindAlertsQuery;
import io.ledger.core.refusal.CommandRefusedEvent;
import io.ledger.core.transfer.HoldPostedEvent;
import io.ledger.core.transfer.ReversalPostedEvent;
import io.ledger.core.transfer.TransferPostedEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The compliance view fed recorded event sequences, on both stores. Thresholds: 10,000.00 EUR (1,000,000 minor
 * units), structuring window 24 h, at most 3 outgoing transfers per hour, 3 insufficient-funds refusals per hour.
 */
class ComplianceProjectionTest {

    private static final String EUR = "EUR";
    private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");
    private static final ComplianceRules RULES = new ComplianceRules("test-1", new BigDecimal("10000"),
            Map.of("JPY", new BigDecimal("1500000")), Duration.ofHours(24), 3, Duration.ofHours(1), 3,
            Duration.ofHours(1));

    private ComplianceStore store;
    private ComplianceProjection projection;

    static Stream<Supplier<ComplianceStore>> stores() {
        return ComplianceStores.both();
    }

    private void given(Supplier<ComplianceStore> stores) {
        store = stores.get();
        projection = new ComplianceProjection(store, RULES);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aTransferAtTheThresholdRaisesOneLargeTransactionAlertOnItsDebitAccount(Supplier<ComplianceStore> stores) {
        given(stores);
        transfer("t-just-below", "alice", "bob", 999_999, T0);
        transfer("t-at", "alice", "bob", 1_000_000, T0.plusSeconds(1));
        projection.on(new ReversalPostedEvent("r-1", "t-at", "bob", "alice", 1_000_000, EUR, Map.of()),
                T0.plusSeconds(2));
        projection.on(new HoldPostedEvent("h-1", "carol", "bob", 2_000_000, 1_500_000, 500_000, EUR),
                T0.plusSeconds(3));

        assertThat(alerts()).extracting(ComplianceAlert::alertId, ComplianceAlert::type, ComplianceAlert::accountId,
                        ComplianceAlert::transferId, ComplianceAlert::amountMinor, ComplianceAlert::currency,
                        ComplianceAlert::raisedAt, ComplianceAlert::ruleVersion, ComplianceAlert::status)
                .containsExactly(
                        tuple("LARGE_TRANSACTION:t-at", AlertType.LARGE_TRANSACTION, "alice", "t-at", 1_000_000L,
                                EUR, T0.plusSeconds(1), "test-1", AlertStatus.OPEN),
                        tuple("LARGE_TRANSACTION:r-1", AlertType.LARGE_TRANSACTION, "bob", "r-1", 1_000_000L,
                                EUR, T0.plusSeconds(2), "test-1", AlertStatus.OPEN),
                        tuple("LARGE_TRANSACTION:h-1", AlertType.LARGE_TRANSACTION, "carol", "h-1", 1_500_000L,
                                EUR, T0.plusSeconds(3), "test-1", AlertStatus.OPEN));
        assertThat(alerts().get(0).details()).contains("10000.00 EUR");
    }

    @ParameterizedTest
    @MethodSource("stores")
    void thresholdsAreComparedInTheMinorUnitsOfEachCurrency(Supplier<ComplianceStore> stores) {
        given(stores);
        projection.on(new TransferPostedEvent("jpy-below", "yuki", "ken", 1_499_999, "JPY", Map.of()), T0);
        projection.on(new TransferPostedEvent("jpy-at", "yuki", "ken", 1_500_000, "JPY", Map.of()),
                T0.plusSeconds(7200));
        projection.on(new TransferPostedEvent("kwd-at", "fahad", "omar", 10_000_000, "KWD", Map.of()),
                T0.plusSeconds(7201));

        assertThat(alerts()).extracting(ComplianceAlert::alertId)
                .containsExactly("LARGE_TRANSACTION:jpy-at", "LARGE_TRANSACTION:kwd-at");
    }

    @ParameterizedTest
    @MethodSource("stores")
    void smallTransfersThatReachTheThresholdTogetherWithinTheWindowRaiseStructuringOncePerAccount(
            Supplier<ComplianceStore> stores) {
        given(stores);
        transfer("s-1", "alice", "bob", 400_000, T0);
        transfer("s-2", "alice", "bob", 400_000, T0.plus(Duration.ofHours(10)));
        transfer("s-3", "alice", "bob", 400_000, T0.plus(Duration.ofHours(20)));
        transfer("s-4", "alice", "bob", 400_000, T0.plus(Duration.ofHours(21)));

        assertThat(alerts()).extracting(ComplianceAlert::alertId, ComplianceAlert::accountId,
                        ComplianceAlert::amountMinor, ComplianceAlert::raisedAt)
                .containsExactly(
                        tuple("STRUCTURING:s-3:alice", "alice", 1_200_000L, T0.plus(Duration.ofHours(20))),
                        tuple("STRUCTURING:s-3:bob", "bob", 1_200_000L, T0.plus(Duration.ofHours(20))));
        assertThat(alerts().get(0).details()).startsWith("3 outgoing transfers below 10000.00 EUR on alice");
    }

    @ParameterizedTest
    @MethodSource("stores")
    void smallTransfersJustBelowTheThresholdOrOutsideTheWindowRaiseNoStructuringAlert(
            Supplier<ComplianceStore> stores) {
        given(stores);
        transfer("b-1", "alice", "bob", 500_000, T0);
        transfer("b-2", "alice", "bob", 499_999, T0.plus(Duration.ofHours(1)));
        // Exactly one window after b-1: b-1 is outside the window, so only b-2 and b-3 count (999,999).
        transfer("b-3", "carol", "bob", 500_000, T0.plus(Duration.ofHours(24)));
        transfer("b-4", "dave", "erin", 600_000, T0.plus(Duration.ofHours(30)));
        transfer("b-5", "dave", "erin", 600_000, T0.plus(Duration.ofHours(54)));

        assertThat(alerts()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aBurstStartsAgainOnceTheEarlierAlertLiesOutsideTheWindow(Supplier<ComplianceStore> stores) {
        given(stores);
        transfer("w-1", "alice", "bob", 600_000, T0);
        transfer("w-2", "alice", "bob", 600_000, T0.plus(Duration.ofHours(1)));
        transfer("w-3", "alice", "bob", 600_000, T0.plus(Duration.ofHours(25)));
        transfer("w-4", "alice", "bob", 600_000, T0.plus(Duration.ofHours(26)));

        assertThat(alerts()).extracting(ComplianceAlert::alertId).containsExactly(
                "STRUCTURING:w-2:alice", "STRUCTURING:w-2:bob", "STRUCTURING:w-4:alice", "STRUCTURING:w-4:bob");
    }

    @ParameterizedTest
    @MethodSource("stores")
    void moreOutgoingTransfersWithinTheWindowThanAllowedRaiseVelocityOncePerBurst(Supplier<ComplianceStore> stores) {
        given(stores);
        for (int i = 1; i <= 5; i++) {
            transfer("v-" + i, "alice", "shop-" + i, 100, T0.plus(Duration.ofMinutes(10L * i)));
        }

        assertThat(alerts()).extracting(ComplianceAlert::alertId, ComplianceAlert::type, ComplianceAlert::accountId,
                        ComplianceAlert::transferId, ComplianceAlert::amountMinor)
                .containsExactly(tuple("VELOCITY:v-4:alice", AlertType.VELOCITY, "alice", "v-4", 100L));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void theAllowedNumberOfTransfersOrTransfersSpreadBeyondTheWindowRaiseNoVelocityAlert(
            Supplier<ComplianceStore> stores) {
        given(stores);
        for (int i = 1; i <= 3; i++) {
            transfer("ok-" + i, "alice", "bob", 100, T0.plus(Duration.ofMinutes(i)));
        }
        for (int i = 0; i < 6; i++) {
            transfer("slow-" + i, "carol", "bob", 100, T0.plus(Duration.ofMinutes(20L * i)));
        }
        // Incoming transfers are not outgoing ones.
        assertThat(alerts()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aRefusalForAFrozenOrClosedAccountRaisesOneAlertPerNamedAccount(Supplier<ComplianceStore> stores) {
        given(stores);
        projection.on(refusal("ref-1", "ACCOUNT_FROZEN", "alice", "bob", "t-9", "2500"), T0);
        projection.on(refusal("ref-2", "ACCOUNT_CLOSED", "carol", "carol", "t-10", "7"), T0.plusSeconds(1));
        projection.on(refusal("ref-3", "CURRENCY_MISMATCH", "alice", "bob", "t-11", "1"), T0.plusSeconds(2));

        assertThat(alerts()).extracting(ComplianceAlert::alertId, ComplianceAlert::accountId,
                        ComplianceAlert::transferId, ComplianceAlert::amountMinor, ComplianceAlert::currency)
                .containsExactly(
                        tuple("REFUSED_ON_FROZEN_OR_CLOSED:ref-1:alice", "alice", "t-9", 2500L, EUR),
                        tuple("REFUSED_ON_FROZEN_OR_CLOSED:ref-1:bob", "bob", "t-9", 2500L, EUR),
                        tuple("REFUSED_ON_FROZEN_OR_CLOSED:ref-2:carol", "carol", "t-10", 7L, EUR));
        assertThat(alerts().get(0).details()).contains("ACCOUNT_FROZEN").contains("ref-1");
    }

    @ParameterizedTest
    @MethodSource("stores")
    void theNthInsufficientFundsRefusalWithinTheWindowRaisesOncePerBurst(Supplier<ComplianceStore> stores) {
        given(stores);
        for (int i = 1; i <= 4; i++) {
            projection.on(refusal("if-" + i, "INSUFFICIENT_FUNDS", "alice", "bob", "t-" + i, "100"),
                    T0.plus(Duration.ofMinutes(10L * i)));
        }

        assertThat(alerts()).extracting(ComplianceAlert::alertId, ComplianceAlert::type, ComplianceAlert::accountId,
                        ComplianceAlert::raisedAt)
                .containsExactly(tuple("REPEATED_INSUFFICIENT_FUNDS:if-3:alice", AlertType.REPEATED_INSUFFICIENT_FUNDS,
                        "alice", T0.plus(Duration.ofMinutes(30))));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void fewerInsufficientFundsRefusalsWithinTheWindowRaiseNothing(Supplier<ComplianceStore> stores) {
        given(stores);
        projection.on(refusal("a-1", "INSUFFICIENT_FUNDS", "alice", "bob", "t-1", "100"), T0);
        projection.on(refusal("a-2", "INSUFFICIENT_FUNDS", "alice", "bob", "t-2", "100"), T0.plusSeconds(60));
        projection.on(refusal("a-3", "INSUFFICIENT_FUNDS", "alice", "bob", "t-3", "100"), T0.plus(Duration.ofHours(1)));
        // Other accounts' refusals do not count towards alice's.
        projection.on(refusal("b-1", "INSUFFICIENT_FUNDS", "bob", "alice", "t-4", "100"), T0.plusSeconds(120));

        assertThat(alerts()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aReviewMarksTheAlertReviewedAtTheEventsInstant(Supplier<ComplianceStore> stores) {
        given(stores);
        transfer("big", "alice", "bob", 5_000_000, T0);
        projection.on(new AlertReviewedEvent("LARGE_TRANSACTION:big", "auditor-1", "Known customer"),
                T0.plusSeconds(60));
        projection.on(new AlertReviewedEvent("LARGE_TRANSACTION:unknown", "auditor-1", "Nothing"), T0.plusSeconds(61));

        assertThat(alerts()).extracting(ComplianceAlert::status, ComplianceAlert::reviewedBy,
                        ComplianceAlert::reviewNote, ComplianceAlert::reviewedAt)
                .containsExactly(tuple(AlertStatus.REVIEWED, "auditor-1", "Known customer", T0.plusSeconds(60)));
        assertThat(store.page(query(null, null, AlertStatus.OPEN, 0, 10)).alerts()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("stores")
    void alertsArePagedInTheOrderTheyWereRaisedAndFilteredByTypeAccountAndTime(Supplier<ComplianceStore> stores) {
        given(stores);
        for (int i = 1; i <= 5; i++) {
            transfer("p-" + i, "acct-" + i, "bob", 2_000_000, T0.plusSeconds(i));
        }
        var first = store.page(query(AlertType.LARGE_TRANSACTION, null, null, 0, 2));
        var second = store.page(query(AlertType.LARGE_TRANSACTION, null, null, first.alerts().get(1).alertSeq(), 2));
        var last = store.page(query(AlertType.LARGE_TRANSACTION, null, null, second.alerts().get(1).alertSeq(), 2));

        assertThat(first.hasMore()).isTrue();
        assertThat(last.hasMore()).isFalse();
        assertThat(Stream.of(first, second, last).flatMap(p -> p.alerts().stream()).map(ComplianceAlert::alertId))
                .containsExactly("LARGE_TRANSACTION:p-1", "LARGE_TRANSACTION:p-2", "LARGE_TRANSACTION:p-3",
                        "LARGE_TRANSACTION:p-4", "LARGE_TRANSACTION:p-5");
        assertThat(store.page(query(null, "acct-3", null, 0, 10)).alerts()).extracting(ComplianceAlert::transferId)
                .containsExactly("p-3");
        assertThat(store.page(query(AlertType.VELOCITY, null, null, 0, 10)).alerts()).isEmpty();
        assertThat(store.page(new FindAlertsQuery(null, null, T0.plusSeconds(2), T0.plusSeconds(3), null, 0, 10))
                .alerts()).extracting(ComplianceAlert::transferId).containsExactly("p-2", "p-3");
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aResetForgetsEveryAlertAndMovement(Supplier<ComplianceStore> stores) {
        given(stores);
        transfer("big", "alice", "bob", 5_000_000, T0);
        projection.onReset();
        transfer("big", "alice", "bob", 5_000_000, T0);

        assertThat(alerts()).extracting(ComplianceAlert::alertId, ComplianceAlert::alertSeq)
                .containsExactly(tuple("LARGE_TRANSACTION:big", 1L));
    }

    private void transfer(String id, String debit, String credit, long amountMinor, Instant at) {
        projection.on(new TransferPostedEvent(id, debit, credit, amountMinor, EUR, Map.of()), at);
    }

    private static CommandRefusedEvent refusal(String refusalId, String code, String debit, String credit,
                                               String transferId, String amountMinor) {
        return new CommandRefusedEvent(refusalId, "TransferFundsCommand",
                Map.of("transferId", transferId, "debitAccountId", debit, "creditAccountId", credit,
                        "amountMinor", amountMinor, "currency", EUR),
                List.of(debit, credit), code, "refused");
    }

    private List<ComplianceAlert> alerts() {
        return store.page(query(null, null, null, 0, 1000)).alerts();
    }

    private static FindAlertsQuery query(AlertType type, String account, AlertStatus status, long after, int limit) {
        return new FindAlertsQuery(type, account, null, null, status, after, limit);
    }
}
