package io.ledger.harness.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The anchor: a plain-JDBC double-entry ledger, the way a careful developer writes it by hand. One transaction per
 * transfer: a guarded UPDATE of the debit balance (refused when it would pass the overdraft limit), an UPDATE of
 * the credit balance, and two entry rows. The two balance rows are locked in the order of their ids, so transfers
 * in opposite directions cannot deadlock. Each client holds its own connection, as a pool of C would give it.
 */
public final class JdbcAnchor {

    /** Large enough to never refuse, small enough that {@code -overdraft} cannot overflow. */
    private static final long UNLIMITED_OVERDRAFT_MINOR = Long.MAX_VALUE / 4;
    private static final String DEBIT = "UPDATE bench_balance SET balance_minor = balance_minor - ? "
            + "WHERE account_id = ? AND balance_minor - ? >= -overdraft_minor";
    private static final String CREDIT = "UPDATE bench_balance SET balance_minor = balance_minor + ? "
            + "WHERE account_id = ?";
    private static final String ENTRY = "INSERT INTO bench_entry (transfer_id, account_id, amount_minor, "
            + "created_at) VALUES (?, ?, ?, ?)";

    private final String jdbcUrl;
    private final String user;
    private final String password;

    public JdbcAnchor(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    /** Creates the two tables (once) and opens the workload's accounts with their opening balances. */
    public void prepare(Workload workload) throws SQLException {
        try (Connection connection = connect(); Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE IF NOT EXISTS bench_balance (account_id VARCHAR(64) PRIMARY KEY, "
                    + "balance_minor BIGINT NOT NULL, overdraft_minor BIGINT NOT NULL)");
            ddl.execute("CREATE TABLE IF NOT EXISTS bench_entry (transfer_id VARCHAR(96) NOT NULL, "
                    + "account_id VARCHAR(64) NOT NULL, amount_minor BIGINT NOT NULL, "
                    + "created_at TIMESTAMP NOT NULL, PRIMARY KEY (transfer_id, account_id))");
            connection.setAutoCommit(false);
            insertAccounts(connection, workload.allAccountIds(), Workload.OPENING_BALANCE_MINOR, 0);
            long total = Workload.OPENING_BALANCE_MINOR * workload.allAccountIds().size();
            insertAccounts(connection, List.of(workload.settlementAccountId()), -total, UNLIMITED_OVERDRAFT_MINOR);
            connection.commit();
        }
    }

    private static void insertAccounts(Connection connection, List<String> ids, long balanceMinor,
                                       long overdraftMinor) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO bench_balance (account_id, balance_minor, overdraft_minor) VALUES (?, ?, ?)")) {
            for (String id : ids) {
                insert.setString(1, id);
                insert.setLong(2, balanceMinor);
                insert.setLong(3, overdraftMinor);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The sum of every balance of the workload's accounts, settlement included: zero when the books balance. */
    public long sumOfBalancesMinor(Workload workload) throws SQLException {
        try (Connection connection = connect(); PreparedStatement sum = connection.prepareStatement(
                "SELECT COALESCE(SUM(balance_minor), 0) FROM bench_balance WHERE account_id LIKE ?")) {
            sum.setString(1, workload.prefix() + "-%");
            try (ResultSet rows = sum.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** The sum of every entry written for the workload: zero when every transfer wrote both legs. */
    public long sumOfEntriesMinor(Workload workload) throws SQLException {
        try (Connection connection = connect(); PreparedStatement sum = connection.prepareStatement(
                "SELECT COALESCE(SUM(amount_minor), 0) FROM bench_entry WHERE account_id LIKE ?")) {
            sum.setString(1, workload.prefix() + "-%");
            try (ResultSet rows = sum.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    public ClientDriver driver(Workload workload, String idPrefix) {
        try {
            return new Client(connect(), workload, idPrefix);
        } catch (SQLException failure) {
            throw new IllegalStateException("The anchor cannot connect to " + jdbcUrl, failure);
        }
    }

    /** One client: its own connection and prepared statements, one transaction per transfer. */
    private static final class Client implements ClientDriver {
        private final Connection connection;
        private final PreparedStatement debit;
        private final PreparedStatement credit;
        private final PreparedStatement entry;
        private final Workload workload;
        private final String idPrefix;
        private final AtomicLong sequence = new AtomicLong();

        Client(Connection connection, Workload workload, String idPrefix) throws SQLException {
            connection.setAutoCommit(false);
            this.connection = connection;
            this.debit = connection.prepareStatement(DEBIT);
            this.credit = connection.prepareStatement(CREDIT);
            this.entry = connection.prepareStatement(ENTRY);
            this.workload = workload;
            this.idPrefix = idPrefix;
        }

        @Override
        public Outcome sendNext() {
            Workload.Movement movement = workload.next(idPrefix + sequence.incrementAndGet());
            try {
                return transfer(movement);
            } catch (SQLException failure) {
                rollbackQuietly();
                return Outcome.failed("SQL " + failure.getSQLState());
            }
        }

        private Outcome transfer(Workload.Movement movement) throws SQLException {
            boolean debitFirst = movement.debitAccountId().compareTo(movement.creditAccountId()) < 0;
            if (!debitFirst) {
                credit(movement);
            }
            if (!debit(movement)) {
                connection.rollback();
                return Outcome.refused("INSUFFICIENT_FUNDS");
            }
            if (debitFirst) {
                credit(movement);
            }
            Timestamp now = Timestamp.from(Instant.now());
            addEntry(movement.id(), movement.debitAccountId(), -movement.amountMinor(), now);
            addEntry(movement.id(), movement.creditAccountId(), movement.amountMinor(), now);
            entry.executeBatch();
            connection.commit();
            return Outcome.acknowledged(1);
        }

        private boolean debit(Workload.Movement movement) throws SQLException {
            debit.setLong(1, movement.amountMinor());
            debit.setString(2, movement.debitAccountId());
            debit.setLong(3, movement.amountMinor());
            return debit.executeUpdate() == 1;
        }

        private void credit(Workload.Movement movement) throws SQLException {
            credit.setLong(1, movement.amountMinor());
            credit.setString(2, movement.creditAccountId());
            if (credit.executeUpdate() != 1) {
                throw new SQLException("No account " + movement.creditAccountId(), "02000");
            }
        }

        private void addEntry(String transferId, String accountId, long amountMinor, Timestamp at)
                throws SQLException {
            entry.setString(1, transferId);
            entry.setString(2, accountId);
            entry.setLong(3, amountMinor);
            entry.setTimestamp(4, at);
            entry.addBatch();
        }

        private void rollbackQuietly() {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // The connection is broken; the next request reports its own failure.
            }
        }

        @Override
        public void close() {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Closing at the end of a run; nothing left to protect.
            }
        }
    }
}
