package io.ledger.query.compliance;

import io.ledger.core.compliance.AlertPage;
import io.ledger.core.compliance.AlertStatus;
import io.ledger.core.compliance.AlertType;
import io.ledger.core.compliance.ComplianceAlert;
import io.ledger.core.compliance.FindAlertsQuery;
import io.ledger.query.UnitOfWorkBuffer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The compliance view in the {@code compliance_alert} and {@code compliance_movement} tables (V5__compliance.sql).
 *
 * <p>Inside a unit of work (an event processor's batch) movements are kept in a {@link MovementBatch} and inserted
 * when the batch commits, in one JDBC batch; the rules' questions in that unit of work count them with the stored
 * rows. Alerts, which are rare, are written at once: later questions of the batch read them in its transaction.
 */
public final class JdbcComplianceStore implements ComplianceStore {

    private static final String INSERT_MOVEMENT = "INSERT INTO compliance_movement (account_id, direction, "
            + "transfer_id, amount_minor, currency, recorded_at) VALUES (?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final UnitOfWorkBuffer<MovementBatch> batches = new UnitOfWorkBuffer<>(MovementBatch::new,
            this::insertMovements);

    public JdbcComplianceStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void recordMovement(ComplianceMovement m) {
        MovementBatch batch = batches.forWriting();
        if (batch != null) {
            batch.add(m);
            return;
        }
        try {
            jdbc.update(INSERT_MOVEMENT, movementValues(m));
        } catch (DuplicateKeyException projectedTwice) {
            throw new IllegalStateException("Movement " + m.transferId() + " of " + m.accountId() + " twice",
                    projectedTwice);
        }
    }

    private void insertMovements(MovementBatch batch) {
        List<Object[]> rows = new ArrayList<>(batch.all().size());
        batch.all().forEach(m -> rows.add(movementValues(m)));
        if (rows.isEmpty()) {
            return;
        }
        try {
            jdbc.batchUpdate(INSERT_MOVEMENT, rows);
        } catch (DuplicateKeyException projectedTwice) {
            throw new IllegalStateException("A movement of the batch was recorded before (" + rows.size()
                    + " in the batch)", projectedTwice);
        }
    }

    private static Object[] movementValues(ComplianceMovement m) {
        return new Object[]{m.accountId(), m.direction().name(), m.transferId(), m.amountMinor(), m.currency(),
                utc(m.recordedAt())};
    }

    @Override
    public List<ComplianceMovement> movements(String accountId, MovementDirection direction, Instant after,
                                              Instant upTo) {
        List<ComplianceMovement> stored = storedMovements(accountId, direction, after, upTo);
        MovementBatch batch = batches.forReading();
        if (batch == null) {
            return stored;
        }
        List<ComplianceMovement> all = new ArrayList<>(stored);
        all.addAll(batch.within(accountId, direction, after, upTo));
        all.sort(Comparator.comparing(ComplianceMovement::recordedAt).thenComparing(ComplianceMovement::transferId));
        return all;
    }

    private List<ComplianceMovement> storedMovements(String accountId, MovementDirection direction, Instant after,
                                                     Instant upTo) {
        return jdbc.query("SELECT * FROM compliance_movement WHERE account_id = ? AND direction = ? "
                        + "AND recorded_at > ? AND recorded_at <= ? ORDER BY recorded_at, transfer_id",
                (rs, row) -> new ComplianceMovement(rs.getString("account_id"),
                        MovementDirection.valueOf(rs.getString("direction")), rs.getString("transfer_id"),
                        nullableLong(rs, "amount_minor"), trimmed(rs.getString("currency")),
                        instant(rs, "recorded_at")),
                accountId, direction.name(), utc(after), utc(upTo));
    }

    @Override
    public MovementTotals smallMovementTotals(String accountId, MovementDirection direction, String currency,
                                              long belowMinor, Instant after, Instant upTo) {
        // A range read on ix_compliance_movement_time that returns two numbers, not the rows. The sum comes back as
        // an exact decimal (SUM of BIGINT widens on both databases) and must fit a long like every amount does.
        MovementTotals stored = jdbc.queryForObject("SELECT COUNT(*), SUM(amount_minor) FROM compliance_movement "
                        + "WHERE account_id = ? AND direction = ? AND recorded_at > ? AND recorded_at <= ? "
                        + "AND currency = ? AND amount_minor < ?",
                (rs, row) -> new MovementTotals(rs.getLong(1),
                        rs.getBigDecimal(2) == null ? 0 : rs.getBigDecimal(2).longValueExact()),
                accountId, direction.name(), utc(after), utc(upTo), currency, belowMinor);
        MovementBatch batch = batches.forReading();
        return batch == null ? stored
                : stored.plus(batch.smallTotals(accountId, direction, currency, belowMinor, after, upTo));
    }

    @Override
    public int movementCount(String accountId, MovementDirection direction, Instant after, Instant upTo) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM compliance_movement WHERE account_id = ? "
                + "AND direction = ? AND recorded_at > ? AND recorded_at <= ?", Integer.class,
                accountId, direction.name(), utc(after), utc(upTo));
        MovementBatch batch = batches.forReading();
        int buffered = batch == null ? 0 : batch.within(accountId, direction, after, upTo).size();
        return (count == null ? 0 : count) + buffered;
    }

    @Override
    public boolean raisedSince(AlertType type, String accountId, Instant after) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM compliance_alert WHERE account_id = ? AND type = ? "
                + "AND raised_at > ?", Integer.class, accountId, type.name(), utc(after));
        return count != null && count > 0;
    }

    /**
     * The six answers as scalar sub-queries of one SELECT: one round trip, each on the same index as alone. The
     * window figures of a rule that already raised are behind a CASE on its alert count, so the database never
     * runs them (PostgreSQL and H2 evaluate a sub-query only when its branch is taken); the structuring figures of
     * a large movement are not in the SELECT at all.
     */
    @Override
    public TransferFacts transferFacts(TransferFacts.Question q) {
        TransferFacts stored = storedTransferFacts(q);
        MovementBatch batch = batches.forReading();
        return batch == null ? stored : withBatch(stored, q, batch);
    }

    /** The stored figures plus the batch's movements, for each figure that was asked (see {@link TransferFacts}). */
    private static TransferFacts withBatch(TransferFacts stored, TransferFacts.Question q, MovementBatch batch) {
        MovementTotals debitSmall = stored.debitSmall();
        if (q.smallMovement() && !stored.debitStructuringRaised()) {
            debitSmall = debitSmall.plus(batch.smallTotals(q.debit(), MovementDirection.DEBIT, q.currency(),
                    q.belowMinor(), q.structuringAfter(), q.upTo()));
        }
        MovementTotals creditSmall = stored.creditSmall();
        if (q.smallMovement() && !stored.creditStructuringRaised()) {
            creditSmall = creditSmall.plus(batch.smallTotals(q.credit(), MovementDirection.CREDIT, q.currency(),
                    q.belowMinor(), q.structuringAfter(), q.upTo()));
        }
        int debitOutgoing = stored.debitOutgoing();
        if (!stored.debitVelocityRaised()) {
            debitOutgoing += batch.within(q.debit(), MovementDirection.DEBIT, q.velocityAfter(), q.upTo()).size();
        }
        return new TransferFacts(stored.debitStructuringRaised(), stored.creditStructuringRaised(),
                stored.debitVelocityRaised(), debitSmall, creditSmall, debitOutgoing);
    }

    private TransferFacts storedTransferFacts(TransferFacts.Question q) {
        String alerts = "(SELECT COUNT(*) FROM compliance_alert WHERE account_id = ? AND type = ? AND raised_at > ?)";
        String small = "(SELECT COUNT(*) FROM compliance_movement WHERE account_id = ? AND direction = ? "
                + "AND recorded_at > ? AND recorded_at <= ? AND currency = ? AND amount_minor < ?)";
        String smallSum = "(SELECT SUM(amount_minor) FROM compliance_movement WHERE account_id = ? AND direction = ? "
                + "AND recorded_at > ? AND recorded_at <= ? AND currency = ? AND amount_minor < ?)";
        String outgoing = "(SELECT COUNT(*) FROM compliance_movement WHERE account_id = ? AND direction = ? "
                + "AND recorded_at > ? AND recorded_at <= ?)";
        Object[] debitSmall = {q.debit(), MovementDirection.DEBIT.name(), utc(q.structuringAfter()), utc(q.upTo()),
                q.currency(), q.belowMinor()};
        Object[] creditSmall = {q.credit(), MovementDirection.CREDIT.name(), utc(q.structuringAfter()),
                utc(q.upTo()), q.currency(), q.belowMinor()};
        List<Object> args = new ArrayList<>();
        String structuringFigures = "NULL, NULL, NULL, NULL";
        if (q.smallMovement()) {
            structuringFigures = unlessRaised("debit_structuring", small) + ", "
                    + unlessRaised("debit_structuring", smallSum) + ", " + unlessRaised("credit_structuring", small)
                    + ", " + unlessRaised("credit_structuring", smallSum);
            args.addAll(List.of(debitSmall));
            args.addAll(List.of(debitSmall));
            args.addAll(List.of(creditSmall));
            args.addAll(List.of(creditSmall));
        }
        args.addAll(List.of(q.debit(), MovementDirection.DEBIT.name(), utc(q.velocityAfter()), utc(q.upTo())));
        args.addAll(List.of(q.debit(), AlertType.STRUCTURING.name(), utc(q.structuringAfter())));
        args.addAll(List.of(q.credit(), AlertType.STRUCTURING.name(), utc(q.structuringAfter())));
        args.addAll(List.of(q.debit(), AlertType.VELOCITY.name(), utc(q.velocityAfter())));
        String sql = "SELECT debit_structuring, credit_structuring, debit_velocity, " + structuringFigures
                + ", " + unlessRaised("debit_velocity", outgoing)
                + " FROM (SELECT " + alerts + " AS debit_structuring, " + alerts + " AS credit_structuring, "
                + alerts + " AS debit_velocity) raised";
        return jdbc.queryForObject(sql,
                (rs, row) -> new TransferFacts(rs.getLong(1) > 0, rs.getLong(2) > 0, rs.getLong(3) > 0,
                        new MovementTotals(rs.getLong(4), exactSum(rs.getBigDecimal(5))),
                        new MovementTotals(rs.getLong(6), exactSum(rs.getBigDecimal(7))), rs.getInt(8)),
                args.toArray());
    }

    private static String unlessRaised(String alertCount, String figure) {
        return "CASE WHEN " + alertCount + " = 0 THEN " + figure + " END";
    }

    private static long exactSum(java.math.BigDecimal sum) {
        return sum == null ? 0 : sum.longValueExact();
    }

    @Override
    public void raise(ComplianceAlert a) {
        Long last = jdbc.queryForObject("SELECT COALESCE(MAX(alert_seq), 0) FROM compliance_alert", Long.class);
        try {
            jdbc.update("INSERT INTO compliance_alert (alert_id, alert_seq, type, account_id, transfer_id, "
                            + "amount_minor, currency, raised_at, rule_version, details, status) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    a.alertId(), (last == null ? 0 : last) + 1, a.type().name(), a.accountId(), a.transferId(),
                    a.amountMinor(), a.currency(), utc(a.raisedAt()), a.ruleVersion(), a.details(),
                    a.status().name());
        } catch (DuplicateKeyException projectedTwice) {
            throw new IllegalStateException("Alert " + a.alertId() + " raised twice", projectedTwice);
        }
    }

    @Override
    public void markReviewed(String alertId, String reviewer, String note, Instant reviewedAt) {
        jdbc.update("UPDATE compliance_alert SET status = ?, reviewed_by = ?, review_note = ?, reviewed_at = ? "
                + "WHERE alert_id = ?", AlertStatus.REVIEWED.name(), reviewer, note, utc(reviewedAt), alertId);
    }

    @Override
    public Optional<ComplianceAlert> alert(String alertId) {
        return jdbc.query("SELECT * FROM compliance_alert WHERE alert_id = ?", this::row, alertId).stream()
                .findFirst();
    }

    @Override
    public AlertPage page(FindAlertsQuery q) {
        List<Object> args = new ArrayList<>(List.of(q.afterAlertSeq()));
        StringBuilder sql = new StringBuilder("SELECT * FROM compliance_alert WHERE alert_seq > ?");
        if (q.type() != null) {
            sql.append(" AND type = ?");
            args.add(q.type().name());
        }
        if (q.accountId() != null) {
            sql.append(" AND account_id = ?");
            args.add(q.accountId());
        }
        if (q.from() != null) {
            sql.append(" AND raised_at >= ?");
            args.add(utc(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND raised_at <= ?");
            args.add(utc(q.to()));
        }
        if (q.status() != null) {
            sql.append(" AND status = ?");
            args.add(q.status().name());
        }
        sql.append(" ORDER BY alert_seq FETCH FIRST ").append(q.limit() + 1).append(" ROWS ONLY");
        List<ComplianceAlert> rows = jdbc.query(sql.toString(), this::row, args.toArray());
        boolean hasMore = rows.size() > q.limit();
        return new AlertPage(hasMore ? rows.subList(0, q.limit()) : rows, hasMore);
    }

    @Override
    public void clear() {
        MovementBatch batch = batches.forReading();
        if (batch != null) {
            batch.discard();
        }
        jdbc.update("DELETE FROM compliance_alert");
        jdbc.update("DELETE FROM compliance_movement");
    }

    private ComplianceAlert row(ResultSet rs, int rowNum) throws SQLException {
        return new ComplianceAlert(rs.getString("alert_id"), rs.getLong("alert_seq"),
                AlertType.valueOf(rs.getString("type")), rs.getString("account_id"), rs.getString("transfer_id"),
                nullableLong(rs, "amount_minor"), trimmed(rs.getString("currency")), instant(rs, "raised_at"),
                rs.getString("rule_version"), rs.getString("details"), AlertStatus.valueOf(rs.getString("status")),
                rs.getString("reviewed_by"), rs.getString("review_note"), instant(rs, "reviewed_at"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }
}
