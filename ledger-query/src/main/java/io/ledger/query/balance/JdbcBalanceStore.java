package io.ledger.query.balance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.core.account.AccountStatus;
import io.ledger.core.account.AccountView;
import io.ledger.core.transfer.TransferKind;
import io.ledger.core.transfer.TransferStatus;
import io.ledger.core.RecordedBy;
import io.ledger.core.transfer.TransferView;
import io.ledger.query.UnitOfWorkBuffer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * The balance view in the {@code account_balance} and {@code transfer_record} tables. It runs inside the event
 * processor's transaction, together with its token update, so a batch of events is projected exactly once.
 *
 * <p>Inside a unit of work (an event processor's batch) writes are kept in a {@link BalanceBatch} and written when
 * the batch commits, in a few JDBC batches; reads in that unit of work see them. A refusal then rolls back the
 * whole batch, as any failed event does under the processor.
 *
 * <p>Outside a unit of work each operation is written at once and is all-or-nothing on its own: the statement
 * that could be refused (a duplicate, an unknown account, a hold that is not pending) runs first and changes one
 * row or none, and the balances of both accounts then move in one UPDATE.
 */
public final class JdbcBalanceStore implements BalanceStore {

    private static final TypeReference<Map<String, String>> METADATA_TYPE = new TypeReference<>() {
    };

    private final String accounts;
    private final String transfers;
    private final String insertAccount;
    private final String insertTransfer;
    private final String insertTransferIfBothAccountsExist;
    private final String moveBalances;

    /** The columns of an account row as {@link #accountValues} gives them. */
    private static final String ACCOUNT_COLUMNS = "(account_id, currency, name, overdraft_limit_minor, "
            + "unlimited_overdraft, status, posted_minor, pending_debits_minor, pending_credits_minor, opened_at)";

    /** The columns of a transfer record as {@link #transferValues} gives them. */
    private static final String TRANSFER_COLUMNS = "(transfer_id, kind, debit_account_id, credit_account_id, "
            + "amount_minor, posted_minor, reversed_minor, currency, metadata_json, status, reversal_of, expires_at, "
            + "created_at, resolved_at, principal, correlation_id, request_id)";

    private static final String INSERT_TRANSFER_IF_BOTH_ACCOUNTS_EXIST = "INSERT INTO transfer_record "
            + TRANSFER_COLUMNS + " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS TIMESTAMP WITH TIME ZONE), ?, "
            + "CAST(? AS TIMESTAMP WITH TIME ZONE), ?, ?, ? "
            + "WHERE (SELECT COUNT(*) FROM account_balance WHERE account_id IN (?, ?)) = 2";

    private static final String MOVE_BALANCES = "UPDATE account_balance SET "
            + "posted_minor = posted_minor + CASE WHEN account_id = ? THEN ? ELSE ? END, "
            + "pending_debits_minor = pending_debits_minor + CASE WHEN account_id = ? THEN ? ELSE 0 END, "
            + "pending_credits_minor = pending_credits_minor + CASE WHEN account_id = ? THEN ? ELSE 0 END "
            + "WHERE account_id IN (?, ?)";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();
    private final UnitOfWorkBuffer<BalanceBatch> batches =
            new UnitOfWorkBuffer<>(() -> new BalanceBatch(this), BalanceBatch::write);

    public JdbcBalanceStore(JdbcTemplate jdbc) {
        this(jdbc, "");
    }

    /**
     * A store over the table set with {@code tableSuffix}: "" for the tables the migrations name, another for the
     * second set a rebuild fills while the first keeps answering.
     */
    public JdbcBalanceStore(JdbcTemplate jdbc, String tableSuffix) {
        this.jdbc = jdbc;
        this.accounts = "account_balance" + tableSuffix;
        this.transfers = "transfer_record" + tableSuffix;
        this.insertAccount = "INSERT INTO " + accounts + " " + ACCOUNT_COLUMNS
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        this.insertTransfer = "INSERT INTO " + transfers + " " + TRANSFER_COLUMNS
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        this.insertTransferIfBothAccountsExist = INSERT_TRANSFER_IF_BOTH_ACCOUNTS_EXIST
                .replace("transfer_record", transfers).replace("account_balance", accounts);
        this.moveBalances = MOVE_BALANCES.replace("account_balance", accounts);
    }

    @Override
    public void insertAccount(AccountView account) {
        BalanceBatch batch = batches.forWriting();
        if (batch != null) {
            batch.insertAccount(account);
            return;
        }
        insertOnce("Account " + account.accountId(), () -> jdbc.update(insertAccount, accountValues(account)));
    }

    @Override
    public void updateStatus(String accountId, AccountStatus status) {
        BalanceBatch batch = batches.forWriting();
        if (batch != null) {
            batch.updateStatus(accountId, status);
            return;
        }
        requireOneRow(jdbc.update("UPDATE " + accounts + " SET status = ? WHERE account_id = ?", status.name(),
                accountId), "Unknown account " + accountId);
    }

    @Override
    public void updateOverdraftLimit(String accountId, long overdraftLimitMinor, boolean unlimitedOverdraft) {
        BalanceBatch batch = batches.forWriting();
        if (batch != null) {
            batch.updateOverdraftLimit(accountId, overdraftLimitMinor, unlimitedOverdraft);
            return;
        }
        requireOneRow(jdbc.update("UPDATE " + accounts + " SET overdraft_limit_minor = ?, unlimited_overdraft = ? "
                + "WHERE account_id = ?", overdraftLimitMinor, unlimitedOverdraft, accountId),
                "Unknown account " + accountId);
    }

    @Override
    public void recordPostedTransfer(TransferView transfer) {
        BalanceBatch batch = batches.forWriting();
        if (batch != null) {
            batch.recordTransfer(transfer, transfer.amountMinor(), 0, 0);
            return;
        }
        insertTransfer(transfer);
        moveBalances(transfer.debitAccountId(), transfer.creditAccountId(), transfer.amountMinor(), 0, 0);
    }

    @Override
    public void recordHold(TransferView hold) {
        BalanceBatch batch = batches.forWriting();
        if (batch != null) {
            batch.recordTransfer(hold, 0, hold.amountMinor(), hold.amountMinor());
            return;
        }
        insertTransfer(hold);
        moveBalances(hold.debitAccountId(), hold.creditAccountId(), 0, hold.amountMinor(), hold.amountMinor());
    }

    @Override
    public void resolveHold(String transferId, TransferStatus outcome, long postedMinor, Instant resolvedAt) {
        BalanceBatch batch = batches.forWriting();
        if (batch != null) {
            batch.resolveHold(transferId, outcome, postedMinor, resolvedAt);
            return;
        }
        TransferView hold = findTransfer(transferId)
                .filter(found -> found.status() == TransferStatus.PENDING)
                .orElseThrow(() -> new IllegalStateException("Transfer " + transferId + " is not a pending hold"));
        requireOneRow(jdbc.update("UPDATE " + transfers + " SET status = ?, posted_minor = ?, resolved_at = ? "
                        + "WHERE transfer_id = ? AND status = 'PENDING'", outcome.name(), postedMinor, utc(resolvedAt),
                transferId), "Transfer " + transferId + " is not a pending hold");
        moveBalances(hold.debitAccountId(), hold.creditAccountId(), postedMinor, -hold.amountMinor(),
                -hold.amountMinor());
    }

    @Override
    public void updateReversed(String transferId, long totalReversedMinor) {
        BalanceBatch batch = batches.forWriting();
        if (batch != null) {
            batch.updateReversed(transferId, totalReversedMinor);
            return;
        }
        requireOneRow(jdbc.update("UPDATE " + transfers + " SET reversed_minor = ? WHERE transfer_id = ?",
                totalReversedMinor, transferId), "Reversal of unknown transfer " + transferId);
    }

    @Override
    public Optional<AccountView> findAccount(String accountId) {
        BalanceBatch batch = batches.forReading();
        return batch != null ? batch.findAccount(accountId) : storedAccount(accountId);
    }

    /** The committed row, without this unit of work's unwritten changes. */
    Optional<AccountView> storedAccount(String accountId) {
        return jdbc.query("SELECT * FROM " + accounts + " WHERE account_id = ?", ACCOUNT_ROW, accountId)
                .stream().findFirst();
    }

    @Override
    public Optional<TransferView> findTransfer(String transferId) {
        BalanceBatch batch = batches.forReading();
        return batch != null ? batch.findTransfer(transferId) : storedTransfer(transferId);
    }

    /** The committed record, without this unit of work's unwritten changes. */
    Optional<TransferView> storedTransfer(String transferId) {
        return jdbc.query("SELECT * FROM " + transfers + " WHERE transfer_id = ?", this::transferRow, transferId)
                .stream().findFirst();
    }

    @Override
    /** The committed rows: the only caller, the audit's comparison, reads outside the processor's batches. */
    public List<AccountView> allAccounts() {
        return jdbc.query("SELECT * FROM " + accounts + " ORDER BY account_id", ACCOUNT_ROW);
    }

    @Override
    public List<String> dueHolds(Instant now, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return jdbc.queryForList("SELECT transfer_id FROM " + transfers + " "
                        + "WHERE status = 'PENDING' AND expires_at <= ? ORDER BY expires_at, transfer_id "
                        + "FETCH FIRST " + limit + " ROWS ONLY",
                String.class, utc(now));
    }

    @Override
    public void clear() {
        BalanceBatch batch = batches.forReading();
        if (batch != null) {
            batch.discard();
        }
        jdbc.update("DELETE FROM " + transfers + "");
        jdbc.update("DELETE FROM " + accounts + "");
    }

    /**
     * Inserts accounts with the balances they carry, in one JDBC batch: for a rebuild, which keeps balances in
     * memory between its chunks and writes them out per chunk (see {@code BufferedRebuildBalanceStore}).
     */
    public void insertAccounts(Collection<AccountView> views) {
        batch("Account insert", insertAccount, views, JdbcBalanceStore::accountValues);
    }

    /** Overwrites the status, limit and balances of stored accounts with the given ones, in one JDBC batch. */
    public void overwriteAccounts(Collection<AccountView> views) {
        batch("Account update", "UPDATE " + accounts + " SET status = ?, overdraft_limit_minor = ?, "
                + "unlimited_overdraft = ?, posted_minor = ?, pending_debits_minor = ?, pending_credits_minor = ? "
                + "WHERE account_id = ?", views, a -> new Object[]{a.status().name(), a.overdraftLimitMinor(),
                a.unlimitedOverdraft(), a.postedMinor(), a.pendingDebitsMinor(), a.pendingCreditsMinor(),
                a.accountId()});
    }

    /**
     * Inserts transfer records as they are, in one JDBC batch, without the check that both accounts exist: the
     * caller has made it (a rebuild holds every account in memory).
     */
    public void insertTransfers(Collection<TransferView> views) {
        batch("Transfer insert", insertTransfer, views, this::transferValues);
    }

    /** Which of the given transfer ids already have a record, in one query per thousand ids. */
    public List<String> storedTransferIds(Collection<String> transferIds) {
        List<String> ids = List.copyOf(transferIds);
        List<String> stored = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 1_000) {
            List<String> group = ids.subList(from, Math.min(ids.size(), from + 1_000));
            String placeholders = String.join(", ", Collections.nCopies(group.size(), "?"));
            stored.addAll(jdbc.queryForList("SELECT transfer_id FROM " + transfers + " WHERE transfer_id IN ("
                    + placeholders + ")", String.class, group.toArray()));
        }
        return stored;
    }

    /** Overwrites what can change in stored transfer records (outcome, amounts posted and reversed), in a batch. */
    public void overwriteTransfers(Collection<TransferView> views) {
        batch("Transfer update", "UPDATE " + transfers + " SET status = ?, posted_minor = ?, reversed_minor = ?, "
                + "resolved_at = ? WHERE transfer_id = ?", views, t -> new Object[]{t.status().name(),
                t.postedMinor(), t.reversedMinor(), utcOrNull(t.resolvedAt()), t.transferId()});
    }

    /** Sets the status of stored accounts, in one JDBC batch; an unknown account is refused. */
    void updateStatuses(Map<String, AccountStatus> statusByAccount) {
        batch("UPDATE " + accounts + " SET status = ? WHERE account_id = ?", statusByAccount.entrySet(),
                change -> new Object[]{change.getValue().name(), change.getKey()},
                change -> "Unknown account " + change.getKey());
    }

    /** Sets the overdraft limits of stored accounts, in one JDBC batch; an unknown account is refused. */
    void updateOverdraftLimits(Map<String, BalanceBatch.OverdraftLimit> limitByAccount) {
        batch("UPDATE " + accounts + " SET overdraft_limit_minor = ?, unlimited_overdraft = ? WHERE account_id = ?",
                limitByAccount.entrySet(), change -> new Object[]{change.getValue().limitMinor(),
                        change.getValue().unlimited(), change.getKey()},
                change -> "Unknown account " + change.getKey());
    }

    /**
     * Overwrites what can change in stored transfer records, in one JDBC batch, each only if its status is still
     * the one it had when read: a record changed since by someone else is refused, not overwritten.
     */
    void overwriteTransfersIfUnchanged(Collection<BalanceBatch.ChangedTransfer> changes) {
        batch("UPDATE " + transfers + " SET status = ?, posted_minor = ?, reversed_minor = ?, resolved_at = ? "
                        + "WHERE transfer_id = ? AND status = ?", changes, change -> {
                    TransferView t = change.changed();
                    return new Object[]{t.status().name(), t.postedMinor(), t.reversedMinor(),
                            utcOrNull(t.resolvedAt()), t.transferId(), change.statusAsStored().name()};
                },
                change -> "Transfer " + change.changed().transferId() + " is no longer "
                        + change.statusAsStored().name().toLowerCase(Locale.ROOT) + " or unknown");
    }

    /**
     * Adds to stored accounts' balances (posted, pending debits, pending credits per account), in one JDBC batch;
     * an unknown account is refused.
     */
    void addToBalances(Map<String, long[]> deltasByAccount) {
        batch("UPDATE " + accounts + " SET posted_minor = posted_minor + ?, "
                        + "pending_debits_minor = pending_debits_minor + ?, "
                        + "pending_credits_minor = pending_credits_minor + ? WHERE account_id = ?",
                deltasByAccount.entrySet(), delta -> new Object[]{delta.getValue()[0], delta.getValue()[1],
                        delta.getValue()[2], delta.getKey()},
                delta -> "Unknown account " + delta.getKey());
    }

    /** Runs one UPDATE per row in a JDBC batch and refuses, naming the row, if one of them changed no row. */
    private <T> void batch(String sql, Collection<T> rows, Function<T, Object[]> values,
                           Function<T, String> refusal) {
        if (rows.isEmpty()) {
            return;
        }
        List<T> ordered = List.copyOf(rows);
        List<Object[]> arguments = new ArrayList<>(ordered.size());
        ordered.forEach(row -> arguments.add(values.apply(row)));
        int[] counts = jdbc.batchUpdate(sql, arguments);
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 1) {
                throw new IllegalStateException(refusal.apply(ordered.get(i)));
            }
        }
    }

    /**
     * Runs one statement for every row in a JDBC batch and requires each to have changed exactly one row. (With
     * PostgreSQL's rewritten batch inserts the driver reports "succeeded, count unknown" instead, which is
     * accepted: an insert either adds its row or fails.)
     */
    private <T> void batch(String what, String sql, Collection<T> rows, Function<T, Object[]> values) {
        if (rows.isEmpty()) {
            return;
        }
        List<Object[]> arguments = new ArrayList<>(rows.size());
        rows.forEach(row -> arguments.add(values.apply(row)));
        int[] counts;
        try {
            counts = jdbc.batchUpdate(sql, arguments);
        } catch (DuplicateKeyException duplicate) {
            throw new IllegalStateException(what + ": a row projected twice", duplicate);
        }
        for (int count : counts) {
            if (count != 1 && count != Statement.SUCCESS_NO_INFO) {
                throw new IllegalStateException(what + " changed " + count + " rows instead of 1");
            }
        }
    }

    private void insertTransfer(TransferView t) {
        Object[] values = Arrays.copyOf(transferValues(t), 19);
        values[17] = t.debitAccountId();
        values[18] = t.creditAccountId();
        int inserted = insertOnce("Transfer " + t.transferId(),
                () -> jdbc.update(insertTransferIfBothAccountsExist, values));
        requireOneRow(inserted, "Unknown account " + t.debitAccountId() + " or " + t.creditAccountId());
    }

    private static Object[] accountValues(AccountView a) {
        return new Object[]{a.accountId(), a.currency(), a.name(), a.overdraftLimitMinor(), a.unlimitedOverdraft(),
                a.status().name(), a.postedMinor(), a.pendingDebitsMinor(), a.pendingCreditsMinor(),
                utc(a.openedAt())};
    }

    private Object[] transferValues(TransferView t) {
        RecordedBy by = t.recordedBy();
        return new Object[]{t.transferId(), t.kind().name(), t.debitAccountId(), t.creditAccountId(),
                t.amountMinor(), t.postedMinor(), t.reversedMinor(), t.currency(), toJson(t.metadata()),
                t.status().name(), t.reversalOf(), utcOrNull(t.expiresAt()), utc(t.createdAt()),
                utcOrNull(t.resolvedAt()), by == null ? null : by.principal(),
                by == null ? null : by.correlationId(), by == null ? null : by.requestId()};
    }

    /**
     * One statement for both accounts: the credit account gains {@code postedMinor} and the debit account loses
     * it; the debit account's pending debits and the credit account's pending credits change by the deltas.
     */
    private void moveBalances(String debitAccountId, String creditAccountId, long postedMinor,
                              long pendingDebitsDeltaMinor, long pendingCreditsDeltaMinor) {
        int moved = jdbc.update(moveBalances, creditAccountId, postedMinor, Math.negateExact(postedMinor),
                debitAccountId, pendingDebitsDeltaMinor, creditAccountId, pendingCreditsDeltaMinor,
                debitAccountId, creditAccountId);
        if (moved != 2) {
            throw new IllegalStateException("Expected to move 2 account balances, moved " + moved);
        }
    }

    /** A row projected twice is a bug in event delivery; both stores refuse it alike. */
    private static int insertOnce(String what, IntSupplier insert) {
        try {
            return insert.getAsInt();
        } catch (DuplicateKeyException duplicate) {
            throw new IllegalStateException(what + " projected twice", duplicate);
        }
    }

    private static void requireOneRow(int rows, String otherwise) {
        if (rows != 1) {
            throw new IllegalStateException(otherwise);
        }
    }

    private static final RowMapper<AccountView> ACCOUNT_ROW = (rs, row) -> new AccountView(
            rs.getString("account_id"), rs.getString("currency"), rs.getString("name"),
            rs.getLong("overdraft_limit_minor"), rs.getBoolean("unlimited_overdraft"),
            AccountStatus.valueOf(rs.getString("status")), rs.getLong("posted_minor"),
            rs.getLong("pending_debits_minor"), rs.getLong("pending_credits_minor"), instant(rs, "opened_at"));

    private TransferView transferRow(ResultSet rs, int row) throws SQLException {
        return new TransferView(rs.getString("transfer_id"), TransferKind.valueOf(rs.getString("kind")),
                rs.getString("debit_account_id"), rs.getString("credit_account_id"), rs.getLong("amount_minor"),
                rs.getLong("posted_minor"), rs.getLong("reversed_minor"), rs.getString("currency"),
                fromJson(rs.getString("metadata_json")), TransferStatus.valueOf(rs.getString("status")),
                rs.getString("reversal_of"), instant(rs, "expires_at"), instant(rs, "created_at"),
                instant(rs, "resolved_at"), recordedBy(rs));
    }

    /** Who created the row, or null for rows projected before principals were kept. */
    public static RecordedBy recordedBy(ResultSet rs) throws SQLException {
        String principal = rs.getString("principal");
        return principal == null ? null
                : new RecordedBy(principal, rs.getString("correlation_id"), rs.getString("request_id"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static OffsetDateTime utcOrNull(Instant instant) {
        return instant == null ? null : utc(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
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
