package io.ledger.harness.bench;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;

/**
 * What the ledger spends per transfer during a window (warm-up included), on PostgreSQL: CPU of the service
 * process, CPU of the database server's processes, SQL statements (pg_stat_statements, preloaded by the bench's
 * server for {@code --cost}) and transactions of the ledger's database. CPU and counts are robust on a shared
 * machine where throughput is not: another job steals time from the ledger, not work it does per transfer.
 *
 * <p>Database CPU covers the server's live processes only (its pooled connections live for the whole run, so
 * that is nearly all of it). Transfers are counted as the balance view's transfer records, which the view has
 * written by the time each window's requests were answered.
 */
final class CostMeter {

    /**
     * Per-transfer figures of one window. {@code compilerCpuMillis} is the part of the service's CPU that its JIT
     * compiler threads spent: on 2 shared cores the compiler is still at work minutes into a run, and that cost is
     * the run's warm-up, not the ledger's steady cost of a transfer.
     */
    record Cost(long transfers, double serviceCpuMillis, double compilerCpuMillis, double databaseCpuMillis,
                double statements, double transactions) {
    }

    private record Reading(Duration serviceCpu, Duration compilerCpu, Duration databaseCpu, long statements,
                           long transactions, long transfers) {
    }

    /** Linux's USER_HZ, the unit of a thread's times in {@code /proc}: 100 on every mainstream architecture. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;
    private static final Path PROC = Path.of("/proc");

    private final long servicePid;
    private final String ledgerUrl;
    private final Reading start;

    private CostMeter(long servicePid, String ledgerUrl) throws SQLException {
        this.servicePid = servicePid;
        this.ledgerUrl = ledgerUrl;
        this.start = read();
    }

    /**
     * Prepares the ledger's database for counting, forgets the statement statistics gathered so far (so that
     * {@link #writeTopStatements} after this meter stops covers only its window) and takes the first reading.
     */
    static CostMeter start(long servicePid, String ledgerUrl) throws SQLException {
        try (Connection connection = connect(ledgerUrl); Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            statement.execute("SELECT pg_stat_statements_reset()");
        }
        return new CostMeter(servicePid, ledgerUrl);
    }

    Cost stop() throws SQLException {
        Reading end = read();
        long transfers = end.transfers() - start.transfers();
        double per = Math.max(1, transfers);
        return new Cost(transfers,
                end.serviceCpu().minus(start.serviceCpu()).toNanos() / 1e6 / per,
                end.compilerCpu().minus(start.compilerCpu()).toNanos() / 1e6 / per,
                end.databaseCpu().minus(start.databaseCpu()).toNanos() / 1e6 / per,
                (end.statements() - start.statements()) / per,
                (end.transactions() - start.transactions()) / per);
    }

    /**
     * Forgets the statement statistics gathered so far, so that {@link #writeTopStatements} covers only what
     * follows (the rebuild after the windows).
     */
    static void resetStatements(String ledgerUrl) throws SQLException {
        try (Connection connection = connect(ledgerUrl); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_statements_reset()");
        }
    }

    /**
     * Writes the statements of the ledger's database that took the most execution time since the last reset, one
     * per line: calls, total and mean milliseconds, rows, and the statement (shortened). Time spent parsing,
     * sending rows and waiting for the client is not in it.
     */
    static void writeTopStatements(String ledgerUrl, Path file, int limit) throws SQLException, IOException {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%8s %10s %9s %10s  %s%n", "calls",
                "total ms", "mean ms", "rows", "statement"));
        try (Connection connection = connect(ledgerUrl);
             PreparedStatement top = connection.prepareStatement("SELECT calls, total_exec_time, mean_exec_time, "
                     + "rows, query FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database "
                     + "WHERE datname = current_database()) ORDER BY total_exec_time DESC LIMIT ?")) {
            top.setInt(1, limit);
            try (ResultSet rows = top.executeQuery()) {
                while (rows.next()) {
                    String query = rows.getString("query").replaceAll("\\s+", " ");
                    text.append(String.format(Locale.ROOT, "%8d %10.1f %9.3f %10d  %s%n", rows.getLong("calls"),
                            rows.getDouble("total_exec_time"), rows.getDouble("mean_exec_time"),
                            rows.getLong("rows"), query.length() > 160 ? query.substring(0, 160) + "..." : query));
                }
            }
        }
        Files.writeString(file, text);
    }

    private Reading read() throws SQLException {
        try (Connection connection = connect(ledgerUrl); Statement statement = connection.createStatement()) {
            long statements = single(statement, "SELECT COALESCE(SUM(calls), 0) FROM pg_stat_statements "
                    + "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())");
            long transactions = single(statement, "SELECT xact_commit + xact_rollback FROM pg_stat_database "
                    + "WHERE datname = current_database()");
            long transfers = single(statement, "SELECT COUNT(*) FROM transfer_record");
            long backend = single(statement, "SELECT pg_backend_pid()");
            return new Reading(cpuOf(servicePid), compilerCpu(PROC, servicePid), serverCpu(backend), statements,
                    transactions, transfers);
        }
    }

    private static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static Duration cpuOf(long pid) {
        return ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    /**
     * CPU time of the JIT compiler threads ("C1 CompilerThre", "C2 CompilerThre" in {@code task/N/comm}) of the
     * process {@code pid}, from its threads' user and system times in {@code task/N/stat}. Live threads only: a
     * compiler thread the JVM stopped takes its time with it (on 2 cores the JVM keeps one of each for the whole
     * run). Zero where there is no {@code /proc}.
     */
    static Duration compilerCpu(Path proc, long pid) {
        Path tasks = proc.resolve(Long.toString(pid)).resolve("task");
        long ticks = 0;
        try (var threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                ticks += compilerTicks(thread);
            }
        } catch (IOException | java.io.UncheckedIOException noProc) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(ticks * 1000 / CLOCK_TICKS_PER_SECOND);
    }

    private static long compilerTicks(Path thread) {
        try {
            String name = Files.readString(thread.resolve("comm")).strip();
            if (!name.matches("C[12] CompilerThre.*")) {
                return 0;
            }
            String stat = Files.readString(thread.resolve("stat"));
            // The name in parentheses may hold spaces: the fields after it start at the last ')'. utime and stime
            // are the 14th and 15th fields of the line, the 12th and 13th after the name.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException threadEnded) {
            return 0;
        }
    }

    /**
     * Every live process of this server: the postmaster (a backend's parent) and all its children (backends and
     * background workers), and no other PostgreSQL that may run on the machine.
     */
    private static Duration serverCpu(long backendPid) {
        return ProcessHandle.of(backendPid).flatMap(ProcessHandle::parent)
                .map(postmaster -> java.util.stream.Stream.concat(java.util.stream.Stream.of(postmaster),
                                postmaster.descendants())
                        .map(process -> process.info().totalCpuDuration().orElse(Duration.ZERO))
                        .reduce(Duration.ZERO, Duration::plus))
                .orElse(Duration.ZERO);
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, "postgres", "");
    }
}
