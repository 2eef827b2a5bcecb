package io.ledger.harness.bank;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.harness.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bank test's short, bounded form, run by {@code ./mvnw verify}: the real service as a process, concurrent
 * clients, several kill -9s (and on PostgreSQL an immediate shutdown of the database), then every check. The long
 * form is {@code bin/bank-test} (docs/reliability.md).
 */
class BankTest {

    private static final Duration RUN = Duration.ofSeconds(40);
    private static final int KILLS = 3;

    @Test
    void onH2NothingAcknowledgedIsLostAndTheBooksBalanceAcrossKills(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        BankResult result = run(BankConfig.Store.H2, 0, dir);

        assertEveryFigure(result, dir);
    }

    @Test
    void onPostgresNothingAcknowledgedIsLostAcrossKillsAndADatabaseCrash(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        BankResult result = run(BankConfig.Store.POSTGRES, 1, dir);

        assertEveryFigure(result, dir);
        assertThat(result.faults().postgresRestarts()).isEqualTo(1);
        assertThat(result.faults().postgresRestartsSurvived()).isEqualTo(1);
    }

    private static BankResult run(BankConfig.Store store, int postgresRestarts, Path dir) throws Exception {
        long seed = new SecureRandom().nextLong();
        BankConfig config = new BankConfig(store, RUN, KILLS, postgresRestarts, 6, 5, seed,
                Duration.ofMinutes(3), dir.resolve("run"), dir.resolve("bank-result.json"));
        return new BankRun(config, ServiceProcess.defaultServiceJar(), AuditTool.defaultJar()).run();
    }

    private static void assertEveryFigure(BankResult result, Path dir) throws Exception {
        String seed = "seed " + result.seed() + ", logs and result in " + dir + " (kept when the test fails)";
        assertThat(result.lost()).as(seed).isZero();
        assertThat(result.duplicated()).as(seed).isZero();
        assertThat(result.phantom()).as(seed).isZero();
        assertThat(result.altered()).as(seed).isZero();
        assertThat(result.conservation().holds()).as(seed).isTrue();
        assertThat(result.faults().kills()).as(seed).isEqualTo(KILLS);
        assertThat(result.faults().killsSurvived()).as(result.faults().failure() + "; " + seed).isEqualTo(KILLS);
        assertThat(result.faults().killRecovery().maxMillis()).isPositive();
        assertThat(result.operations().acknowledged()).isPositive();
        assertThat(result.operations().refused()).as("the workload also tests refusals").isPositive();
        // Every check ran and passed, the audit tool's verify and verify-chain among them.
        assertThat(result.checks()).extracting(CheckResult::name).contains("audit-verify", "audit-verify-chain");
        for (CheckResult check : result.checks()) {
            assertThat(check.status()).as(check.name() + ": " + check.detail() + "; " + seed)
                    .isEqualTo(CheckResult.Status.PASSED);
        }
        assertThat(result.verdict()).isEqualTo("PASSED");
        assertThat(new ObjectMapper().readTree(dir.resolve("bank-result.json").toFile()).path("verdict").asText())
                .isEqualTo(result.verdict());
    }
}
