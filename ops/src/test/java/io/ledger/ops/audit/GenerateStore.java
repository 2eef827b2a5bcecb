package io.ledger.ops.audit;

import java.util.Locale;

/**
 * Generates a benchmark store: {@code GenerateStore JDBC_URL USER PASSWORD EVENTS [CUSTOMERS_PER_CURRENCY]}
 * migrates an empty database with the service's migrations and appends a synthetic history of at least EVENTS
 * events, written row by row in the service's format (see {@link EventStoreWriter}). Used by
 * ops/bench/audit-replay.sh.
 */
public final class GenerateStore {

    private GenerateStore() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: GenerateStore JDBC_URL USER PASSWORD EVENTS [CUSTOMERS_PER_CURRENCY]");
            System.exit(2);
        }
        long started = System.nanoTime();
        EventStoreWriter.migrate(args[0], args[1], args[2]);
        int customers = args.length > 4 ? Integer.parseInt(args[4]) : 5_000;
        long written = TestStores.fill(args[0], args[1], args[2], 20261124L, customers, Long.parseLong(args[3]));
        System.err.printf(Locale.ROOT, "generated %,d events in %.1f s%n", written,
                (System.nanoTime() - started) / 1e9);
    }
}
