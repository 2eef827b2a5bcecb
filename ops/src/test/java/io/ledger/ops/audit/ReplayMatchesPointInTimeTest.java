package io.ledger.ops.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.core.compliance.ComplianceAlert;
import io.ledger.core.compliance.FindAlertsQuery;
import io.ledger.core.money.Amounts;
import io.ledger.core.statement.BalanceSnapshot;
import io.ledger.core.statement.StatementEntry;
import io.ledger.core.statement.TrialBalanceLine;
import io.ledger.ops.store.StoredEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code audit replay} against the service's point-in-time logic. The tool cannot start the service, so the
 * reference is the read side's own answering code: the service's projections fed the same stored events into the
 * read side's in-memory stores, asked through the same store methods the service's query handlers call
 * ({@code at}, {@code trialBalance}, {@code effectiveBalance}). What is compared: every account's posted and
 * pending balances, the trial balance per currency, and the ids of the alerts raised by then, at many random
 * instants and at instants that fall exactly on an event's timestamp.
 */
class ReplayMatchesPointInTimeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static String url;
    private static List<StoredEvent> events;
    private static ReferenceViews service;

    @BeforeAll
    static void aStoreWithAThousandsOfEventsHistory() throws Exception {
        url = TestStores.h2(dir);
        TestStores.fill(url, "sa", "", 42, 12, 6_000);
        events = TestStores.read(url, "sa", "");
        service = ReferenceViews.inMemory().feed(events);
    }

    @Test
    void replayToAnyInstantGivesTheServicesPointInTimeBalancesTrialBalanceAndAlerts() throws Exception {
        Random random = new Random(1);
        List<Instant> instants = instants(random, 25);
        instants.add(events.get(events.size() - 1).recordedAt());
        for (Instant until : instants) {
            JsonNode report = replay("--until", until.toString());
            assertThat(accounts(report)).as("balances at %s", until).isEqualTo(serviceBalancesAsOf(until));
            assertThat(trialBalance(report)).as("trial balance at %s", until).isEqualTo(serviceTrialBalance(until));
            assertThat(alertIds(report)).as("alerts at %s", until).isEqualTo(serviceAlertIdsUntil(until));
        }
        JsonNode atTheEnd = replay("--until", instants.get(instants.size() - 1).toString());
        assertThat(atTheEnd.get("alerts")).as("the history raises alerts, so their comparison means something")
                .hasSizeGreaterThan(3);
        assertThat(atTheEnd.get("accounts")).hasSize(26);
    }

    @Test
    void replayWithKnownAtGivesTheServicesBiTemporalBalances() throws Exception {
        Random random = new Random(2);
        List<Instant> instants = instants(random, 24);
        for (int i = 0; i + 1 < instants.size(); i += 2) {
            Instant effectiveAt = instants.get(i);
            Instant knownAt = instants.get(i + 1);
            JsonNode report = replay("--until", effectiveAt.toString(), "--known-at", knownAt.toString());
            assertThat(accounts(report)).as("effective %s known %s", effectiveAt, knownAt)
                    .isEqualTo(serviceEffectiveBalances(effectiveAt, knownAt));
        }
    }

    @Test
    void backDatedTransfersMakeTheTwoAxesDifferSoTheBiTemporalComparisonIsNotVacuous() throws Exception {
        Instant middle = events.get(events.size() / 2).recordedAt();
        JsonNode asOf = replay("--until", middle.toString());
        JsonNode effectiveNowKnown = replay("--until", middle.toString(), "--known-at",
                events.get(events.size() - 1).recordedAt().toString());
        assertThat(accounts(effectiveNowKnown)).isNotEqualTo(accounts(asOf));
    }

    @Test
    void anInstantBeforeTheFirstEventShowsAnEmptyLedger() throws Exception {
        JsonNode report = replay("--until", TestStores.START.minusSeconds(1).toString());
        assertThat(report.get("accounts")).isEmpty();
        assertThat(report.get("trialBalance")).isEmpty();
        assertThat(report.get("position").asLong()).isZero();
    }

    private static List<Instant> instants(Random random, int count) {
        Instant first = events.get(0).recordedAt();
        long spanMillis = events.get(events.size() - 1).recordedAt().toEpochMilli() - first.toEpochMilli();
        List<Instant> instants = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            instants.add(i % 2 == 0
                    ? first.plusMillis((long) (random.nextDouble() * spanMillis))
                    : events.get(random.nextInt(events.size())).recordedAt());
        }
        return instants;
    }

    private static JsonNode replay(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("audit", "replay", "--format", "json", "--quiet"));
        all.addAll(List.of(args));
        AuditRun run = AuditRun.of(url, all.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    private static Map<String, List<String>> accounts(JsonNode report) {
        Map<String, List<String>> balances = new LinkedHashMap<>();
        report.get("accounts").forEach(a -> balances.put(a.get("accountId").asText(), List.of(
                a.get("posted").asText(), a.get("pendingDebits").asText(), a.get("pendingCredits").asText())));
        return balances;
    }

    private static Map<String, List<String>> serviceBalancesAsOf(Instant until) {
        Map<String, List<String>> balances = new LinkedHashMap<>();
        for (String accountId : accountIds()) {
            service.statements.at(accountId, until).ifPresent(e -> balances.put(accountId,
                    figures(e.postedAfterMinor(), e.pendingDebitsAfterMinor(), e.pendingCreditsAfterMinor(), e)));
        }
        return balances;
    }

    private static Map<String, List<String>> serviceEffectiveBalances(Instant effectiveAt, Instant knownAt) {
        Map<String, List<String>> balances = new LinkedHashMap<>();
        for (String accountId : accountIds()) {
            service.statements.effectiveBalance(accountId, effectiveAt, knownAt).ifPresent(b -> balances.put(
                    accountId, figures(b)));
        }
        return balances;
    }

    private static List<String> figures(long posted, long pendingDebits, long pendingCredits, StatementEntry e) {
        return List.of(Amounts.format(posted, e.currency()), Amounts.format(pendingDebits, e.currency()),
                Amounts.format(pendingCredits, e.currency()));
    }

    private static List<String> figures(BalanceSnapshot b) {
        return List.of(Amounts.format(b.postedMinor(), b.currency()), Amounts.format(b.pendingDebitsMinor(),
                b.currency()), Amounts.format(b.pendingCreditsMinor(), b.currency()));
    }

    private static List<String> trialBalance(JsonNode report) {
        List<String> lines = new ArrayList<>();
        report.get("trialBalance").forEach(t -> lines.add(t.get("currency").asText() + " "
                + t.get("totalDebits").asText() + " " + t.get("totalCredits").asText() + " "
                + t.get("balanceSum").asText() + " " + t.get("accounts").asLong()));
        return lines;
    }

    private static List<String> serviceTrialBalance(Instant until) {
        List<String> lines = new ArrayList<>();
        for (TrialBalanceLine t : service.statements.trialBalance(until)) {
            String c = t.currency();
            lines.add(c + " " + Amounts.format(t.totalDebitsMinor(), c) + " "
                    + Amounts.format(t.totalCreditsMinor(), c) + " " + Amounts.format(t.balanceSumMinor(), c) + " "
                    + t.accounts());
        }
        return lines;
    }

    private static List<String> alertIds(JsonNode report) {
        List<String> ids = new ArrayList<>();
        report.get("alerts").forEach(a -> ids.add(a.get("alertId").asText()));
        return ids;
    }

    private static List<String> serviceAlertIdsUntil(Instant until) {
        return service.compliance.page(new FindAlertsQuery(null, null, null, until, null, 0, 100_000)).alerts()
                .stream().map(ComplianceAlert::alertId).toList();
    }

    private static Set<String> accountIds() {
        Set<String> ids = new TreeSet<>();
        events.forEach(e -> {
            if (e.payload() instanceof io.ledger.core.account.AccountOpenedEvent opened) {
                ids.add(opened.accountId());
            }
        });
        return ids;
    }
}
