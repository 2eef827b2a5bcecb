package io.ledger.ops.audit;

import io.ledger.core.StreamIds;
import io.ledger.core.account.AccountCreditedEvent;
import io.ledger.core.account.AccountDebitedEvent;
import io.ledger.core.account.AccountFrozenEvent;
import io.ledger.core.account.AccountHoldReservedEvent;
import io.ledger.core.account.AccountOpenedEvent;
import io.ledger.core.account.LegSide;
import io.ledger.core.transfer.HoldPlacedEvent;
import io.ledger.core.transfer.TransferPostedEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON report of a fixed, hand-written event sequence, byte for byte. The expected files are in
 * src/test/resources/golden; run with -Dgolden.update=true to rewrite them after a deliberate change of the
 * report, and review the difference like code.
 */
class GoldenReportTest {

    private static final Instant T0 = Instant.parse("2026-06-30T09:00:00Z");
    private static final Map<String, String> CLERK =
            Map.of("principal", "clerk-1", "correlationId", "c-1", "requestId", "req-1");

    @TempDir
    static Path dir;
    private static String url;

    @BeforeAll
    static void aFixedHistory() throws Exception {
        url = TestStores.h2(dir);
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             EventStoreWriter writer = new EventStoreWriter(connection)) {
            open(writer, "settlement-eur", true, 0);
            open(writer, "alice", false, 1);
            open(writer, "bob", false, 2);
            transfer(writer, "fund-alice", "settlement-eur", 1, "alice", 1, 2_500_000, null, 10);
            transfer(writer, "t-1", "alice", 2, "bob", 1, 3_025, null, 20);
            // Booked at 09:00:30 with a value date of 09:00:05: on the value-date axis it counts before it was known.
            transfer(writer, "t-2", "alice", 3, "bob", 2, 1_000, at(5), 30);
            writer.append(event("Transfer", StreamIds.transfer("card-1"), 0, 40, new HoldPlacedEvent("card-1",
                    "alice", "bob", 4_000, "EUR", Map.of(), 86_400L, at(40).plusSeconds(86_400)), CLERK));
            writer.append(event("Account", StreamIds.account("alice"), 4, 40, new AccountHoldReservedEvent("alice",
                    "card-1", LegSide.DEBIT, "bob", 4_000, "EUR"), CLERK));
            writer.append(event("Account", StreamIds.account("bob"), 3, 40, new AccountHoldReservedEvent("bob",
                    "card-1", LegSide.CREDIT, "alice", 4_000, "EUR"), CLERK));
            writer.append(event("Account", StreamIds.account("bob"), 4, 50,
                    new AccountFrozenEvent("bob", "KYC review"), CLERK));
        }
    }

    @Test
    void theReplayReportIsExactlyTheGoldenFile() throws Exception {
        assertGolden("replay-report.json", "audit", "replay", "--until", at(45).toString(), "--format", "json");
    }

    @Test
    void theBiTemporalReportIsExactlyTheGoldenFile() throws Exception {
        assertGolden("replay-effective-known.json", "audit", "replay", "--until", at(10).toString(), "--known-at",
                at(60).toString(), "--format", "json");
    }

    @Test
    void theDiffReportIsExactlyTheGoldenFile() throws Exception {
        assertGolden("diff-report.json", "audit", "diff", "--from", at(15).toString(), "--to", at(60).toString(),
                "--format", "json");
    }

    @Test
    void theSameStoreAndInstantGiveTheSameBytesEveryTime() {
        String first = AuditRun.of(url, "audit", "replay", "--quiet", "--until", at(45).toString(),
                "--format", "json").out();
        String second = AuditRun.of(url, "audit", "replay", "--quiet", "--until", at(45).toString(),
                "--format", "json").out();
        assertThat(second).isEqualTo(first).contains("\"alice\"");
    }

    private static void assertGolden(String file, String... args) throws Exception {
        String[] quiet = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of(
                "--quiet")).toArray(String[]::new);
        AuditRun run = AuditRun.of(url, quiet);
        assertThat(run.exitCode()).as(run.err()).isZero();
        Path golden = Path.of("src/test/resources/golden", file);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, run.out(), StandardCharsets.UTF_8);
        }
        assertThat(run.out()).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    private static void open(EventStoreWriter writer, String account, boolean unlimited, int second) {
        writer.append(event("Account", StreamIds.account(account), 0, second,
                new AccountOpenedEvent(account, "EUR", "Account " + account, 0, unlimited), CLERK));
    }

    private static void transfer(EventStoreWriter writer, String id, String from, long fromSeq, String to,
                                 long toSeq, long amountMinor, Instant effectiveAt, int second) {
        Map<String, String> metadata = Map.of("invoice", "INV-" + id);
        writer.append(event("Transfer", StreamIds.transfer(id), 0, second,
                new TransferPostedEvent(id, from, to, amountMinor, "EUR", metadata, effectiveAt), CLERK));
        writer.append(event("Account", StreamIds.account(from), fromSeq, second,
                new AccountDebitedEvent(from, id, to, amountMinor, "EUR", effectiveAt), CLERK));
        writer.append(event("Account", StreamIds.account(to), toSeq, second,
                new AccountCreditedEvent(to, id, from, amountMinor, "EUR", effectiveAt), CLERK));
    }

    private static GeneratedEvent event(String type, String stream, long seq, int second, Object payload,
                                        Map<String, String> metadata) {
        return new GeneratedEvent(type, stream, seq, at(second), payload, metadata);
    }

    private static Instant at(int second) {
        return T0.plusSeconds(second);
    }
}
