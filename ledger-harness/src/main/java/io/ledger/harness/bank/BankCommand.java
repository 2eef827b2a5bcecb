package io.ledger.harness.bank;

import io.ledger.harness.ServiceProcess;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code ledger-harness bank}: the bank test, in the spirit of Jepsen's. Exit 0 when every check ran and passed,
 * 1 when any check failed, 3 when none failed but some could not run (the audit tool's subcommands missing).
 */
@Command(name = "bank", mixinStandardHelpOptions = true,
        description = "Runs concurrent transfers, holds, posts, voids and reversals against the real service while "
                + "killing it (and PostgreSQL), then checks that nothing acknowledged was lost, nothing was stored "
                + "twice or without being asked for, and the books balance.")
public final class BankCommand implements Callable<Integer> {

    @Option(names = "--store", defaultValue = "h2", converter = StoreConverter.class,
            description = "h2 or postgres (default: ${DEFAULT-VALUE}).")
    BankConfig.Store store;

    @Option(names = "--duration", defaultValue = "90s", converter = DurationConverter.class,
            description = "How long the clients run at least (longer if the faults take longer): 90s, 30m, 1h "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--kills", defaultValue = "4", description = "SIGKILLs of the service (default: ${DEFAULT-VALUE}).")
    int kills;

    @Option(names = "--postgres-restarts", defaultValue = "1",
            description = "Immediate shutdowns and restarts of PostgreSQL, with --store postgres "
                    + "(default: ${DEFAULT-VALUE}).")
    int postgresRestarts;

    @Option(names = "--clients", defaultValue = "8", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--accounts", defaultValue = "6",
            description = "Accounts per currency, in EUR and JPY (default: ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--seed", description = "Seed of the random choices (default: a random one, written to the result).")
    Long seed;

    @Option(names = "--retry-window", defaultValue = "180s", converter = DurationConverter.class,
            description = "How long a client retries one request before its outcome counts as unknown "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration retryWindow;

    @Option(names = "--out", defaultValue = "target/bank-result.json",
            description = "Result file (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--work-dir", description = "Store, logs and keys of the run (default: target/bank-<store>-<time>).")
    Path workDir;

    @Option(names = "--service-jar", description = "The service (default: ledger-api/target/ledger.jar).")
    Path serviceJar;

    @Option(names = "--ops-jar", description = "The audit tool (default: ops/target/ledger-ops.jar).")
    Path opsJar;

    @Override
    public Integer call() throws Exception {
        BankConfig config = new BankConfig(store, duration, kills, postgresRestarts, clients, accounts,
                seed != null ? seed : new SecureRandom().nextLong(), retryWindow, workDir(), out);
        BankResult result = new BankRun(config, serviceJar != null ? serviceJar : ServiceProcess.defaultServiceJar(),
                opsJar != null ? Optional.of(opsJar) : AuditTool.defaultJar()).run();
        System.err.printf("bank test on %s: %s; %d operations (%d acknowledged, %d refused, %d unknown), "
                        + "%d kills survived, lost %d, duplicated %d, phantom %d; result in %s%n", result.store(),
                result.verdict(), result.operations().attempted(), result.operations().acknowledged(),
                result.operations().refused(), result.operations().unknown(), result.faults().killsSurvived(),
                result.lost(), result.duplicated(), result.phantom(), out.toAbsolutePath());
        result.checks().forEach(c -> System.err.printf("  %-40s %-8s %s%n", c.name(), c.status(), c.detail()));
        return switch (result.verdict()) {
            case "PASSED" -> 0;
            case "FAILED" -> 1;
            default -> 3;
        };
    }

    private Path workDir() {
        return workDir != null ? workDir : Path.of("target", "bank-" + store.name().toLowerCase(Locale.ROOT) + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    static final class StoreConverter implements CommandLine.ITypeConverter<BankConfig.Store> {
        @Override
        public BankConfig.Store convert(String value) {
            return BankConfig.Store.valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    /** Durations as 90s, 30m, 2h, or ISO 8601 (PT30M). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.startsWith("pt")) {
                return Duration.parse(value);
            }
            long amount = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> throw new CommandLine.TypeConversionException("Not a duration: " + value);
            };
        }
    }
}
