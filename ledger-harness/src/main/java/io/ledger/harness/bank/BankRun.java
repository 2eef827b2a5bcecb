package io.ledger.harness.bank;

import io.ledger.core.money.Amounts;
import io.ledger.harness.ApiKeys;
import io.ledger.harness.LedgerClient;
import io.ledger.harness.PostgresServer;
import io.ledger.harness.ServiceProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run of the bank test: starts the store and the real service, opens the accounts, runs the clients against
 * the faults, lets the service settle, reads what its views answer, stops it, reads the event store, and checks.
 */
public final class BankRun {

    /** Patience, not a promise: on a loaded 2-core machine a start has been seen to take 160 s. */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration TAIL = Duration.ofSeconds(5);

    private final BankConfig config;
    private final Path serviceJar;
    private final AuditTool audit;

    public BankRun(BankConfig config, Path serviceJar, Optional<Path> opsJar) {
        this.config = config;
        this.serviceJar = serviceJar;
        this.audit = new AuditTool(opsJar, config.workDir().resolve("audit.log"));
    }

    /** Runs the test and writes the result file; the verdict is in the result. */
    public BankResult run() throws Exception {
        Files.createDirectories(config.workDir());
        PostgresServer postgres = config.store() == BankConfig.Store.POSTGRES ? PostgresServer.start() : null;
        try {
            BankResult result = runOn(postgres);
            result.writeTo(config.out());
            return result;
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    private BankResult runOn(PostgresServer postgres) throws Exception {
        String apiKey = ApiKeys.generate();
        Path keys = config.workDir().resolve("api-keys.json");
        ApiKeys.writeKeysFile(keys, "bank", apiKey);
        List<String> args = new ArrayList<>(List.of("--ledger.security.api-keys-file=" + keys));
        Map<String, String> environment = new LinkedHashMap<>();
        StoreLocation store;
        Optional<PostgresCrash> crash = Optional.empty();
        if (postgres == null) {
            Path data = config.workDir().resolve("data").toAbsolutePath();
            args.add("--ledger.data-dir=" + data);
            store = new StoreLocation("jdbc:h2:file:" + data + "/ledger", "sa", "");
        } else {
            store = new StoreLocation(postgres.createDatabase("ledger"), "postgres", "");
            environment.putAll(Map.of("SPRING_PROFILES_ACTIVE", "postgres", "LEDGER_DB_URL", store.jdbcUrl(),
                    "LEDGER_DB_USER", store.user(), "LEDGER_DB_PASSWORD", store.password()));
            crash = Optional.of(PostgresCrash.of(postgres, config.workDir().resolve("postgres.log")));
        }
        Workload workload;
        ServiceView view;
        try (ServiceProcess service = ServiceProcess.start(serviceJar, config.workDir().resolve("service.log"),
                environment, READY_TIMEOUT, args.toArray(String[]::new))) {
            // A harness stopped by Ctrl-C or SIGTERM must not leave the service running on its own.
            Thread killOnExit = new Thread(() -> killQuietly(service));
            Runtime.getRuntime().addShutdownHook(killOnExit);
            LedgerClient client = new LedgerClient(service.baseUrl(), apiKey, REQUEST_TIMEOUT);
            List<BankAccount> accounts = openAccounts(client);
            workload = runWorkload(service, client, accounts, crash);
            if (!service.isAlive()) {
                service.restart(READY_TIMEOUT);
            }
            view = readView(client, accounts);
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        }
        HistoryFile.write(workload.history(), config.workDir().resolve("history.jsonl"));
        List<StoredEvent> events = EventStoreReader.readAll(store);
        return summarise(workload, new BankChecker(workload.history(), events, view), store);
    }

    /** A service that cannot answer after the run fails the checks that need it; the store is checked anyway. */
    private static ServiceView readView(LedgerClient client, List<BankAccount> accounts) throws InterruptedException {
        try {
            return new ServiceReader(client).settledView(accounts);
        } catch (IOException | RuntimeException failure) {
            return ServiceView.unavailable(failure.getMessage());
        }
    }

    private static void killQuietly(ServiceProcess service) {
        try {
            service.kill();
        } catch (InterruptedException exiting) {
            Thread.currentThread().interrupt();
        }
    }

    private List<BankAccount> openAccounts(LedgerClient client) throws IOException {
        List<BankAccount> accounts = new ArrayList<>();
        for (String currency : BankConfig.CURRENCIES) {
            long limitMinor = Amounts.parseMinor("EUR".equals(currency) ? "100.00" : "10000", currency);
            for (int n = 0; n < config.accountsPerCurrency(); n++) {
                BankAccount account = new BankAccount("acct-" + currency + "-" + n, currency, limitMinor);
                LedgerClient.Answer answer = client.post("/api/v1/accounts", "{\"id\":\"" + account.id()
                        + "\",\"currency\":\"" + currency + "\",\"name\":\"Bank test " + n + "\",\"overdraftLimit\":\""
                        + Amounts.format(limitMinor, currency) + "\"}");
                if (!answer.isSuccess()) {
                    throw new IllegalStateException("Could not open " + account.id() + ": " + answer);
                }
                accounts.add(account);
            }
        }
        return List.copyOf(accounts);
    }

    /**
     * The clients run for the planned duration and until the nemesis has made all its faults (under load, restarts
     * may take longer than planned), then a short tail.
     */
    record Workload(List<Operation> history, Nemesis nemesis, long secondsRun) {
    }

    private Workload runWorkload(ServiceProcess service, LedgerClient client, List<BankAccount> accounts,
                                 Optional<PostgresCrash> crash) throws InterruptedException {
        long started = System.nanoTime();
        long end = started + config.duration().toNanos();
        History history = new History();
        AtomicBoolean stop = new AtomicBoolean();
        Nemesis nemesis = new Nemesis(service, crash, client, accounts.get(0).id(), config.kills(),
                config.postgresRestarts(), end, READY_TIMEOUT, config.seed());
        Thread nemesisThread = new Thread(nemesis, "bank-nemesis");
        nemesisThread.start();
        List<Thread> clients = new ArrayList<>();
        for (int n = 0; n < config.clients(); n++) {
            Thread thread = new Thread(new BankClient(n, client, accounts, history, config.seed() * 31 + n,
                    stop::get, config.retryWindow()), "bank-client-" + n);
            thread.start();
            clients.add(thread);
        }
        Thread.sleep(config.duration().toMillis());
        nemesisThread.join();
        // Some work after the last recovery, so that the last fault is followed by more than retries.
        Thread.sleep(TAIL.toMillis());
        stop.set(true);
        for (Thread thread : clients) {
            thread.join();
        }
        return new Workload(history.operations(), nemesis, (System.nanoTime() - started) / 1_000_000_000);
    }

    private BankResult summarise(Workload workload, BankChecker checker, StoreLocation store) {
        List<CheckResult> checks = new ArrayList<>();
        Nemesis nemesis = workload.nemesis();
        checks.add(CheckResult.of("service-recovered-after-every-fault", nemesis.failure().isEmpty()
                        && nemesis.killRecoveryMillis().size() == nemesis.kills()
                        && nemesis.postgresRecoveryMillis().size() == nemesis.postgresRestarts(),
                nemesis.failure().orElse(nemesis.kills() + " kills, " + nemesis.postgresRestarts()
                        + " PostgreSQL restarts, all recovered")));
        checks.addAll(checker.checks());
        checks.add(audit.run("verify", store));
        checks.add(audit.run("verify-chain", store));
        CheckResult conservation = checks.stream().filter(c -> c.name().equals("conservation-per-currency"))
                .findFirst().orElseThrow();
        return new BankResult(verdict(checks), config.store().name().toLowerCase(), config.seed(), config.clients(),
                config.accountsPerCurrency() * BankConfig.CURRENCIES.size(), config.duration().toSeconds(),
                workload.secondsRun(), operations(workload.history()), faults(nemesis),
                checker.count(Discrepancy.Kind.LOST), checker.count(Discrepancy.Kind.DUPLICATED),
                checker.count(Discrepancy.Kind.PHANTOM), checker.count(Discrepancy.Kind.ALTERED),
                new BankResult.Conservation(conservation.status() == CheckResult.Status.PASSED,
                        checker.replay().postedSumByCurrency(), checker.trialBalanceSums()),
                checks, checker.discrepancies().stream().limit(100).toList());
    }

    private static String verdict(List<CheckResult> checks) {
        if (checks.stream().anyMatch(c -> c.status() == CheckResult.Status.FAILED)) {
            return "FAILED";
        }
        return checks.stream().allMatch(c -> c.status() == CheckResult.Status.PASSED) ? "PASSED" : "INCOMPLETE";
    }

    private BankResult.Faults faults(Nemesis nemesis) {
        return new BankResult.Faults(config.kills(), nemesis.kills(), nemesis.killRecoveryMillis().size(),
                BankResult.Recovery.of(nemesis.killRecoveryMillis()),
                config.store() == BankConfig.Store.POSTGRES ? config.postgresRestarts() : 0,
                nemesis.postgresRestarts(), nemesis.postgresRecoveryMillis().size(),
                BankResult.Recovery.of(nemesis.postgresRecoveryMillis()), nemesis.failure().orElse(null));
    }

    private static BankResult.Operations operations(List<Operation> history) {
        Map<String, Map<String, Long>> byKind = new TreeMap<>();
        Map<String, Long> refusalCodes = new TreeMap<>();
        for (Operation op : history) {
            Map<String, Long> counts = byKind.computeIfAbsent(op.kind().name(), k -> new TreeMap<>());
            counts.merge("attempted", 1L, Long::sum);
            counts.merge(op.outcome().name().toLowerCase(), 1L, Long::sum);
            if (op.outcome() == Outcome.REFUSED) {
                refusalCodes.merge(op.code(), 1L, Long::sum);
            }
        }
        return new BankResult.Operations(history.size(), count(history, Outcome.ACKNOWLEDGED),
                count(history, Outcome.REFUSED), count(history, Outcome.UNKNOWN), byKind, refusalCodes,
                history.stream().mapToLong(op -> op.attempts() - 1L).sum());
    }

    private static long count(List<Operation> history, Outcome outcome) {
        return history.stream().filter(op -> op.outcome() == outcome).count();
    }
}
