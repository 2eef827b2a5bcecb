package io.ledger.harness.bank;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The parameters of one bank-test run.
 *
 * @param accountsPerCurrency K: accounts opened in each of {@link #CURRENCIES}
 * @param clients             C: concurrent clients
 * @param kills               how many times the service is killed with SIGKILL, spread over the run
 * @param postgresRestarts    how many times PostgreSQL itself is stopped immediately and restarted (PostgreSQL only)
 * @param retryWindow         how long a client keeps retrying one request before it counts as unknown
 * @param workDir             where the store, logs and keys file of the run go
 */
public record BankConfig(Store store, Duration duration, int kills, int postgresRestarts, int clients,
                         int accountsPerCurrency, long seed, Duration retryWindow, Path workDir, Path out) {

    /** Two currencies of different scale (cents and whole yen). */
    static final List<String> CURRENCIES = List.of("EUR", "JPY");

    public enum Store { H2, POSTGRES }
}
