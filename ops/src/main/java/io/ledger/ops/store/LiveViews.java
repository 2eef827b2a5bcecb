package io.ledger.ops.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.core.account.AccountStatus;
import io.ledger.core.account.AccountView;
import io.ledger.core.compliance.AlertStatus;
import io.ledger.core.compliance.AlertType;
import io.ledger.core.compliance.ComplianceAlert;
import io.ledger.core.statement.EntryType;
import io.ledger.core.statement.StatementEntry;
import io.ledger.core.transfer.TransferKind;
import io.ledger.core.transfer.TransferStatus;
import io.ledger.core.transfer.TransferView;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads the service's read-model tables, row by row in key order, into the records the read side maps them to.
 * Used by {@code audit verify} to compare the live views with a replay; it only ever selects.
 */
public final class LiveViews {

    /** A processor's token: the events a view has applied are those up to {@code index} except the gaps. */
    public record Token(String processor, long index, java.util.Set<Long> gaps) {

        public boolean covers(long globalIndex) {
            return globalIndex <= index && !gaps.contains(globalIndex);
        }
    }

    private static final TypeReference<TreeMap<String, String>> METADATA = new TypeReference<>() {
    };
    private static final int FETCH_SIZE = 2_000;

    private final ObjectMapper json = new ObjectMapper();
    private final Connection connection;

    public LiveViews(Connection connection) {
        this.connection = connection;
    }

    /** The token of a processor with one segment; refuses a token type it cannot read rather than guess. */
    public Token token(String processor) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT segment, token, tokenType FROM TokenEntry WHERE processorName = ? ORDER BY segment")) {
            select.setString(1, processor);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return new Token(processor, 0, java.util.Set.of());
                }
                Token token = parse(processor, rows.getBytes(2), rows.getString(3));
                if (rows.next()) {
                    throw new IllegalStateException("Processor " + processor + " has more than one segment; "
                            + "verify reads single-segment processors only");
                }
                return token;
            }
        }
    }

    private Token parse(String processor, byte[] bytes, String type) {
        if (bytes == null) {
            return new Token(processor, 0, java.util.Set.of());
        }
        try {
            var node = json.readTree(bytes);
            if (type != null && type.endsWith("ReplayToken")) {
                throw new IllegalStateException("Processor " + processor + " is replaying; verify it when the "
                        + "replay has finished");
            }
            if (node.has("globalIndex")) {
                return new Token(processor, node.get("globalIndex").asLong(), java.util.Set.of());
            }
            if (node.has("index")) {
                java.util.Set<Long> gaps = new java.util.HashSet<>();
                node.path("gaps").forEach(gap -> gaps.add(gap.asLong()));
                return new Token(processor, node.get("index").asLong(), gaps);
            }
            throw new IllegalStateException("Unreadable token of processor " + processor + " (" + type + ")");
        } catch (IOException unreadable) {
            throw new UncheckedIOException("Unreadable token of processor " + processor, unreadable);
        }
    }

    /** "" or "_b": the table set of the balance view that answers now. */
    public String activeBalanceSuffix() throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT active_set FROM view_set WHERE view_name = 'balances'");
             ResultSet rows = select.executeQuery()) {
            return rows.next() && "b".equals(rows.getString(1)) ? "_b" : "";
        }
    }

    public void accounts(String suffix, Consumer<AccountView> sink) throws SQLException {
        each("SELECT * FROM account_balance" + suffix + " ORDER BY account_id", rs -> sink.accept(new AccountView(
                rs.getString("account_id"), rs.getString("currency"), rs.getString("name"),
                rs.getLong("overdraft_limit_minor"), rs.getBoolean("unlimited_overdraft"),
                AccountStatus.valueOf(rs.getString("status")), rs.getLong("posted_minor"),
                rs.getLong("pending_debits_minor"), rs.getLong("pending_credits_minor"), instant(rs, "opened_at"))));
    }

    public void transfers(String suffix, Consumer<TransferView> sink) throws SQLException {
        each("SELECT * FROM transfer_record" + suffix + " ORDER BY transfer_id", rs -> sink.accept(new TransferView(
                rs.getString("transfer_id"), TransferKind.valueOf(rs.getString("kind")),
                rs.getString("debit_account_id"), rs.getString("credit_account_id"), rs.getLong("amount_minor"),
                rs.getLong("posted_minor"), rs.getLong("reversed_minor"), rs.getString("currency"),
                metadata(rs.getString("metadata_json")), TransferStatus.valueOf(rs.getString("status")),
                rs.getString("reversal_of"), instant(rs, "expires_at"), instant(rs, "created_at"),
                instant(rs, "resolved_at"))));
    }

    public void statementEntries(String suffix, Consumer<StatementEntry> sink) throws SQLException {
        each("SELECT * FROM statement_entry" + suffix + " ORDER BY account_id, entry_seq", rs -> sink.accept(
                new StatementEntry(rs.getString("account_id"), rs.getLong("entry_seq"), rs.getLong("position"),
                        instant(rs, "recorded_at"), EntryType.valueOf(rs.getString("entry_type")),
                        rs.getString("transfer_id"), rs.getString("counterparty_account_id"),
                        rs.getLong("amount_minor"), rs.getString("currency"), metadata(rs.getString("metadata_json")),
                        rs.getLong("posted_after_minor"), rs.getLong("pending_debits_after_minor"),
                        rs.getLong("pending_credits_after_minor"), instant(rs, "effective_at"))));
    }

    public void alerts(Consumer<ComplianceAlert> sink) throws SQLException {
        each("SELECT * FROM compliance_alert ORDER BY alert_seq", rs -> {
            long amount = rs.getLong("amount_minor");
            Long amountMinor = rs.wasNull() ? null : amount;
            sink.accept(new ComplianceAlert(rs.getString("alert_id"), rs.getLong("alert_seq"),
                    AlertType.valueOf(rs.getString("type")), rs.getString("account_id"), rs.getString("transfer_id"),
                    amountMinor, trimmed(rs.getString("currency")), instant(rs, "raised_at"),
                    rs.getString("rule_version"), rs.getString("details"), AlertStatus.valueOf(rs.getString("status")),
                    rs.getString("reviewed_by"), rs.getString("review_note"), instant(rs, "reviewed_at")));
        });
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private void each(String sql, Row row) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            select.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }

    private Map<String, String> metadata(String metadataJson) {
        try {
            return json.readValue(metadataJson, METADATA);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("Unreadable metadata_json", unreadable);
        }
    }
}
