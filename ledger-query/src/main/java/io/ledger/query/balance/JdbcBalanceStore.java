package io.ledger.query.balance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.core.account.AccountView;
import io.ledger.core.transfer.TransferStatus;
import io.ledger.core.transfer.TransferView;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * The balance view in the {@code account_balance} and {@code transfer_record} tables. Balance updates are
 * relative ({@code posted_minor = posted_minor + ?}) and run inside the event processor's transaction, together
 * with its token update, so a batch of events is projected exactly once.
 */
public final class JdbcBalanceStore implements BalanceStore {

    private static final TypeReference<Map<String, String>> METADATA_TYPE = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    public JdbcBalanceStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insertAccount(AccountView account) {
        insertOnce("Account " + account.accountId(), () -> jdbc.update(
                "INSERT INTO account_balance (account_id, currency, name, overdraft_limit_minor, "
                        + "unlimited_overdraft, posted_minor, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                account.accountId(), account.currency(), account.name(), account.overdraftLimitMinor(),
                account.unlimitedOverdraft(), account.postedMinor(), utc(account.openedAt())));
    }

    /**
     * Two statements, each atomic on its own, so that no half-applied posting can exist even outside a
     * transaction: the transfer's row is inserted only if both accounts exist (a duplicate fails on the primary
     * key), and then one UPDATE moves the amount on both accounts.
     */
    @Override
    public void recordPostedTransfer(TransferView transfer) {
        int inserted = insertOnce("Transfer " + transfer.transferId(), () -> jdbc.update(
                "INSERT INTO transfer_record (transfer_id, debit_account_id, credit_account_id, amount_minor, "
                        + "currency, metadata_json, status, posted_at) SELECT ?, ?, ?, ?, ?, ?, ?, ? "
                        + "WHERE (SELECT COUNT(*) FROM account_balance WHERE account_id IN (?, ?)) = 2",
                transfer.transferId(), transfer.debitAccountId(), transfer.creditAccountId(), transfer.amountMinor(),
                transfer.currency(), toJson(transfer.metadata()), transfer.status().name(), utc(transfer.postedAt()),
                transfer.debitAccountId(), transfer.creditAccountId()));
        if (inserted != 1) {
            throw new IllegalStateException("Posting to unknown account " + transfer.debitAccountId() + " or "
                    + transfer.creditAccountId());
        }
        jdbc.update("UPDATE account_balance "
                        + "SET posted_minor = posted_minor + CASE WHEN account_id = ? THEN ? ELSE ? END "
                        + "WHERE account_id IN (?, ?)",
                transfer.creditAccountId(), transfer.amountMinor(), Math.negateExact(transfer.amountMinor()),
                transfer.debitAccountId(), transfer.creditAccountId());
    }

    /** A row projected twice is a bug in event delivery; both stores refuse it alike. */
    private static int insertOnce(String what, IntSupplier insert) {
        try {
            return insert.getAsInt();
        } catch (DuplicateKeyException duplicate) {
            throw new IllegalStateException(what + " projected twice", duplicate);
        }
    }

    @Override
    public Optional<AccountView> findAccount(String accountId) {
        return jdbc.query("SELECT * FROM account_balance WHERE account_id = ?", ACCOUNT_ROW, accountId)
                .stream().findFirst();
    }

    @Override
    public Optional<TransferView> findTransfer(String transferId) {
        return jdbc.query("SELECT * FROM transfer_record WHERE transfer_id = ?", this::transferRow, transferId)
                .stream().findFirst();
    }

    @Override
    public List<AccountView> allAccounts() {
        return jdbc.query("SELECT * FROM account_balance ORDER BY account_id", ACCOUNT_ROW);
    }

    @Override
    public void clear() {
        jdbc.update("DELETE FROM transfer_record");
        jdbc.update("DELETE FROM account_balance");
    }

    private static final RowMapper<AccountView> ACCOUNT_ROW = (rs, row) -> new AccountView(
            rs.getString("account_id"), rs.getString("currency"), rs.getString("name"),
            rs.getLong("overdraft_limit_minor"), rs.getBoolean("unlimited_overdraft"), rs.getLong("posted_minor"),
            instant(rs, "opened_at"));

    private TransferView transferRow(ResultSet rs, int row) throws SQLException {
        return new TransferView(rs.getString("transfer_id"), rs.getString("debit_account_id"),
                rs.getString("credit_account_id"), rs.getLong("amount_minor"), rs.getString("currency"),
                fromJson(rs.getString("metadata_json")), TransferStatus.valueOf(rs.getString("status")),
                instant(rs, "posted_at"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private String toJson(Map<String, String> metadata) {
        try {
            return json.writeValueAsString(metadata);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("String metadata always serializes", impossible);
        }
    }

    private Map<String, String> fromJson(String metadataJson) {
        try {
            return json.readValue(metadataJson, METADATA_TYPE);
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("Unreadable metadata in transfer_record", corrupt);
        }
    }
}
