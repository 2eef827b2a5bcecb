package io.ledger.query.statement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.core.statement.BalanceSnapshot;
import io.ledger.core.statement.EntryType;
import io.ledger.query.balance.JdbcBalanceStore;
import io.ledger.core.statement.FindStatementQuery;
import io.ledger.core.statement.StatementEntry;
import io.ledger.core.statement.StatementPage;
import io.ledger.core.statement.TrialBalanceLine;
import io.ledger.query.UnitOfWorkBuffer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Statements in the {@code statement_entry} table; see V4__statements.sql for its indexes.
 *
 * <p>The projector does not read its own writes back: each account's latest entry and each transfer's metadata
 * are remembered ({@link ProjectorMemory}). An entry computed from a remembered predecessor is inserted only if
 * that predecessor is still the account's last stored entry, so a memory that fell behind (another node projected
 * in between) fails the batch, which the processor retries from the database.
 *
 * <p>Inside a unit of work (an event processor's batch) entries and metadata are kept in a {@link StatementBatch}
 * and inserted when the batch commits, in a few JDBC batches; reads in that unit of work see them.
 */
public final class JdbcStatementStore implements StatementStore {

    /** How many accounts' latest entries, and how many transfers' metadata, the projector remembers. */
    static final int REMEMBERED_ENTRIES = 20_000;

    private static final TypeReference<Map<String, String>> METADATA_TYPE = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    private final String entryTable;
    private final String metadataTable;
    private final String insertEntry;
    private final String insertEntryAfter;
    private final ProjectorMemory memory = new ProjectorMemory(REMEMBERED_ENTRIES);
    private final UnitOfWorkBuffer<StatementBatch> batches = new UnitOfWorkBuffer<>(StatementBatch::new, this::write);

    public JdbcStatementStore(JdbcTemplate jdbc) {
        this(jdbc, "");
    }

    /** A store over the table set with {@code tableSuffix}; see {@code JdbcBalanceStore}. */
    public JdbcStatementStore(JdbcTemplate jdbc, String tableSuffix) {
        this.jdbc = jdbc;
        this.entryTable = "statement_entry" + tableSuffix;
        this.metadataTable = "statement_transfer_metadata" + tableSuffix;
        String columns = "INSERT INTO " + entryTable + " (account_id, entry_seq, position, recorded_at, entry_type, "
                + "transfer_id, counterparty_account_id, amount_minor, currency, metadata_json, "
                + "posted_after_minor, pending_debits_after_minor, pending_credits_after_minor, "
                + "effective_at, principal, correlation_id, request_id) ";
        this.insertEntry = columns + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        this.insertEntryAfter = columns + "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? "
                + "WHERE (" + LAST_ENTRY_SEQ.replace("statement_entry", entryTable) + ") = ?";
    }

    @Override
    public void rememberMetadata(String transferId, Map<String, String> metadata) {
        Map<String, String> sorted = Collections.unmodifiableMap(new TreeMap<>(metadata));
        StatementBatch batch = batches.forWriting();
        if (batch != null) {
            batch.rememberMetadata(transferId, sorted);
            memory.rememberMetadata(transferId, sorted);
            return;
        }
        try {
            memory.rememberMetadata(transferId, sorted);
            jdbc.update("INSERT INTO " + metadataTable + " (transfer_id, metadata_json) VALUES (?, ?)",
                    transferId, toJson(metadata));
        } catch (DuplicateKeyException projectedTwice) {
            throw new IllegalStateException("Metadata of transfer " + transferId + " projected twice", projectedTwice);
        }
    }

    @Override
    public Map<String, String> metadataOf(String transferId) {
        if (transferId == null) {
            return Map.of();
        }
        StatementBatch batch = batches.forReading();
        Map<String, String> remembered = batch == null ? null : batch.metadataOf(transferId);
        if (remembered == null) {
            remembered = memory.metadataOf(transferId);
        }
        if (remembered != null) {
            return remembered;
        }
        return jdbc.queryForList("SELECT metadata_json FROM " + metadataTable + " WHERE transfer_id = ?",
                String.class, transferId).stream().findFirst().map(this::fromJson).orElse(Map.of());
    }

    @Override
    public void append(StatementEntry e) {
        Optional<StatementEntry> predecessor = memory.latest(e.accountId());
        StatementBatch batch = batches.forWriting();
        if (batch != null) {
            batch.append(e, predecessor);
            memory.wrote(e);
            return;
        }
        Object[] values = columnValues(e);
        try {
            if (predecessor.isEmpty()) {
                jdbc.update(insertEntry, values);
            } else if (jdbc.update(insertEntryAfter, append(values, e.accountId(),
                    predecessor.get().entrySeq())) == 0) {
                throw builtOnStaleMemory(e, predecessor.get().entrySeq());
            }
        } catch (DuplicateKeyException projectedTwice) {
            throw new IllegalStateException("Entry " + e.entrySeq() + " of " + e.accountId() + " twice",
                    projectedTwice);
        }
        memory.wrote(e);
    }

    /**
     * Writes a processor batch's entries and metadata: first each account's first entry, guarded; then the rest,
     * which follow them; then the metadata.
     */
    private void write(StatementBatch batch) {
        insertFirstEntriesGuarded(batch.guardedEntries());
        insertEntries(batch.unguardedEntries());
        insertMetadata(batch.metadata());
    }

    /** Inserts each entry only if the entry it follows is still its account's last stored one; see {@link #append}. */
    private void insertFirstEntriesGuarded(List<StatementBatch.FirstEntry> firsts) {
        if (firsts.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(firsts.size());
        firsts.forEach(first -> rows.add(append(columnValues(first.entry()), first.entry().accountId(),
                first.followsEntrySeq())));
        int[] inserted;
        try {
            inserted = jdbc.batchUpdate(insertEntryAfter, rows);
        } catch (DuplicateKeyException projectedTwice) {
            throw new IllegalStateException("A statement entry of the batch projected twice", projectedTwice);
        }
        for (int i = 0; i < inserted.length; i++) {
            if (inserted[i] == 0) {
                throw builtOnStaleMemory(firsts.get(i).entry(), firsts.get(i).followsEntrySeq());
            }
        }
    }

    /** The remembered entries fell behind the table (another node projected); they are forgotten. */
    private IllegalStateException builtOnStaleMemory(StatementEntry e, long followsEntrySeq) {
        memory.forgetLatest();
        return new IllegalStateException("Entry " + e.entrySeq() + " of " + e.accountId() + " follows entry "
                + followsEntrySeq + ", which is no longer the account's last stored entry; "
                + "the batch is projected again from the database");
    }

    /**
     * Inserts entries in one JDBC batch, without the guard that each follows the account's last stored entry: for
     * a rebuild, the only writer of its table set, which keeps every account's latest entry in memory (see
     * {@code BufferedRebuildStatementStore}), and for a processor batch's entries after each account's first.
     */
    public void insertEntries(List<StatementEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(entries.size());
        entries.forEach(entry -> rows.add(columnValues(entry)));
        try {
            jdbc.batchUpdate(insertEntry, rows);
        } catch (DuplicateKeyException projectedTwice) {
            throw new IllegalStateException("A statement entry of the batch projected twice", projectedTwice);
        }
    }

    /** Inserts transfers' metadata in one JDBC batch; see {@link #insertEntries}. */
    public void insertMetadata(Map<String, Map<String, String>> metadataByTransfer) {
        if (metadataByTransfer.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(metadataByTransfer.size());
        metadataByTransfer.forEach((transferId, metadata) -> rows.add(new Object[]{transferId, toJson(metadata)}));
        try {
            jdbc.batchUpdate("INSERT INTO " + metadataTable + " (transfer_id, metadata_json) VALUES (?, ?)", rows);
        } catch (DuplicateKeyException projectedTwice) {
            throw new IllegalStateException("Metadata of a transfer of the batch projected twice", projectedTwice);
        }
    }

    private Object[] columnValues(StatementEntry e) {
        return new Object[]{e.accountId(), e.entrySeq(), e.position(), e.recordedAt().atOffset(ZoneOffset.UTC),
                e.type().name(), e.transferId(), e.counterpartyAccountId(), e.amountMinor(), e.currency(),
                toJson(e.metadata()), e.postedAfterMinor(), e.pendingDebitsAfterMinor(),
                e.pendingCreditsAfterMinor(), e.effectiveAt().atOffset(ZoneOffset.UTC),
                e.recordedBy() == null ? null : e.recordedBy().principal(),
                e.recordedBy() == null ? null : e.recordedBy().correlationId(),
                e.recordedBy() == null ? null : e.recordedBy().requestId()};
    }

    private static Object[] append(Object[] values, Object... more) {
        Object[] all = Arrays.copyOf(values, values.length + more.length);
        System.arraycopy(more, 0, all, values.length, more.length);
        return all;
    }

    @Override
    public Optional<StatementEntry> latest(String accountId) {
        StatementBatch batch = batches.forReading();
        Optional<StatementEntry> remembered = batch == null ? Optional.empty() : batch.latest(accountId);
        if (remembered.isEmpty()) {
            remembered = memory.latest(accountId);
        }
        if (remembered.isPresent()) {
            return remembered;
        }
        Optional<StatementEntry> stored = first(jdbc.query(LATEST.replace("statement_entry", entryTable),
                this::entry, accountId));
        stored.ifPresent(memory::wrote);
        return stored;
    }

    @Override
    public StatementPage page(FindStatementQuery q) {
        List<Object> args = new ArrayList<>(List.of(q.accountId(), q.afterEntrySeq()));
        StringBuilder sql = new StringBuilder("SELECT * FROM " + entryTable + " WHERE account_id = ? AND entry_seq > ?");
        if (q.from() != null) {
            sql.append(" AND recorded_at >= ?");
            args.add(q.from().atOffset(ZoneOffset.UTC));
        }
        if (q.to() != null) {
            sql.append(" AND recorded_at <= ?");
            args.add(q.to().atOffset(ZoneOffset.UTC));
        }
        // One row more than asked for tells whether another page follows. account_id, fixed by the condition, is
        // named in the order so that H2 reads the page off the primary key instead of sorting the rest of the
        // account's entries (see ORDER_NOTE).
        sql.append(" ORDER BY account_id, entry_seq FETCH FIRST ").append((long) q.limit() + 1).append(" ROWS ONLY");
        List<StatementEntry> rows = jdbc.query(sql.toString(), this::entry, args.toArray());
        boolean hasMore = rows.size() > q.limit();
        return new StatementPage(hasMore ? rows.subList(0, q.limit()) : rows, hasMore);
    }

    /**
     * The last entry in (recorded_at, entry_seq) order, which is the last in entry_seq order too: record times never
     * decrease along a statement ({@link StatementProjection}). Asked this way, PostgreSQL answers from the index on
     * (account_id, recorded_at, entry_seq) by one step back from the instant, however early the instant is
     * (V12__statement_time_index.sql).
     */
    @Override
    public Optional<StatementEntry> at(String accountId, Instant asOf) {
        return first(jdbc.query(AT_INSTANT.replace("statement_entry", entryTable), this::entry, accountId,
                asOf.atOffset(ZoneOffset.UTC)));
    }

    /*
     * ORDER_NOTE. Every read below names account_id in its ORDER BY although the condition fixes it. H2 (2.3, 2.4) takes
     * an index's order for a query's only if the ORDER BY lists the index's columns from the first one; without
     * account_id it reads every entry of the account that meets the condition and sorts them, so one read of an
     * account with 300,000 entries took 0.1 to 0.3 s (scanCount 300,001) instead of well under a millisecond
     * (scanCount 1). H2 walks the index backwards just as well for DESC. PostgreSQL drops a sort key fixed to a
     * constant and plans both forms alike. StatementReadsOnH2Test counts the rows H2 reads.
     */

    /** The point-in-time read, over the first table set; public for the query-plan tests. */
    public static final String AT_INSTANT = "SELECT * FROM statement_entry WHERE account_id = ? AND recorded_at <= ? "
            + "ORDER BY account_id DESC, recorded_at DESC, entry_seq DESC FETCH FIRST 1 ROWS ONLY";

    /**
     * An account's last entry, over the first table set; public for the query-plan tests. {@code entry_seq >= 0}
     * holds for every entry; it is there so that H2 picks the primary key, which gives the order, over the other
     * indexes that start with account_id and look as cheap to it (it took the value-date index, and read them all).
     */
    public static final String LATEST = "SELECT * FROM statement_entry WHERE account_id = ? AND entry_seq >= 0 "
            + "ORDER BY account_id DESC, entry_seq DESC FETCH FIRST 1 ROWS ONLY";

    /**
     * The number of an account's last entry, over the first table set: the guard of every append after the first.
     * Written as MAX(entry_seq), H2 read all of the account's entries for it, on every append. See {@link #LATEST}
     * for {@code entry_seq >= 0}.
     */
    public static final String LAST_ENTRY_SEQ = "SELECT entry_seq FROM statement_entry WHERE account_id = ? "
            + "AND entry_seq >= 0 ORDER BY account_id DESC, entry_seq DESC FETCH FIRST 1 ROWS ONLY";

    @Override
    public Optional<BalanceSnapshot> effectiveBalance(String accountId, Instant effectiveAt, Instant knownAt) {
        return first(jdbc.query("SELECT currency, "
                        + "SUM(CASE entry_type WHEN 'CREDIT' THEN amount_minor "
                        + "WHEN 'DEBIT' THEN -amount_minor ELSE 0 END), "
                        + "SUM(CASE entry_type WHEN 'PENDING_DEBIT' THEN amount_minor "
                        + "WHEN 'PENDING_DEBIT_RELEASED' THEN -amount_minor ELSE 0 END), "
                        + "SUM(CASE entry_type WHEN 'PENDING_CREDIT' THEN amount_minor "
                        + "WHEN 'PENDING_CREDIT_RELEASED' THEN -amount_minor ELSE 0 END), MAX(position) "
                        + "FROM " + entryTable + " WHERE account_id = ? AND effective_at <= ? AND recorded_at <= ? "
                        + "GROUP BY currency",
                (rs, row) -> new BalanceSnapshot(accountId, rs.getString(1).trim(), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5)),
                accountId, effectiveAt.atOffset(ZoneOffset.UTC), knownAt.atOffset(ZoneOffset.UTC)));
    }

    /**
     * Per currency, the sum of every account's posted balance after its last entry recorded at or before the instant,
     * and the number of such accounts; over the first table set, public for the query-plan tests. One grouped pass
     * finds each account's last entry, then the entries with those keys are summed. It is written as IN, not as a
     * join with the grouped pass: H2 (2.3) put that join the other way round once the table had statistics and ran
     * the grouped pass again for every entry, quadratic in an account's entries (six seconds for one account with
     * 4,000 entries; TrialBalanceOnH2Test). H2 evaluates an uncorrelated IN once; PostgreSQL plans it as a hash join
     * with the grouped pass (TrialBalanceOnPostgresTest).
     */
    public static final String LAST_BALANCES_AT = "SELECT currency, SUM(posted_after_minor), COUNT(*) "
            + "FROM statement_entry WHERE (account_id, entry_seq) IN (SELECT account_id, MAX(entry_seq) "
            + "FROM statement_entry WHERE recorded_at <= ? GROUP BY account_id) GROUP BY currency";

    @Override
    public List<TrialBalanceLine> trialBalance(Instant asOf) {
        OffsetDateTime at = asOf.atOffset(ZoneOffset.UTC);
        Map<String, long[]> byCurrency = new TreeMap<>();
        jdbc.query(LAST_BALANCES_AT.replace("statement_entry", entryTable), rs -> {
                    long[] sums = byCurrency.computeIfAbsent(rs.getString(1).trim(), c -> new long[4]);
                    sums[2] = rs.getLong(2);
                    sums[3] = rs.getLong(3);
                }, at);
        jdbc.query("SELECT currency, "
                + "SUM(CASE WHEN entry_type = '" + EntryType.DEBIT.name() + "' THEN amount_minor ELSE 0 END), "
                + "SUM(CASE WHEN entry_type = '" + EntryType.CREDIT.name() + "' THEN amount_minor ELSE 0 END) "
                + "FROM " + entryTable + " WHERE recorded_at <= ? GROUP BY currency", rs -> {
                    long[] sums = byCurrency.computeIfAbsent(rs.getString(1).trim(), c -> new long[4]);
                    sums[0] = rs.getLong(2);
                    sums[1] = rs.getLong(3);
                }, at);
        List<TrialBalanceLine> lines = new ArrayList<>();
        byCurrency.forEach((currency, sums) ->
                lines.add(new TrialBalanceLine(currency, sums[0], sums[1], sums[2], sums[3])));
        return lines;
    }

    @Override
    public void clear() {
        StatementBatch batch = batches.forReading();
        if (batch != null) {
            batch.discard();
        }
        memory.forgetAll();
        jdbc.update("DELETE FROM " + entryTable + "");
        jdbc.update("DELETE FROM " + metadataTable + "");
    }

    private StatementEntry entry(ResultSet rs, int row) throws SQLException {
        return new StatementEntry(rs.getString("account_id"), rs.getLong("entry_seq"), rs.getLong("position"),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                EntryType.valueOf(rs.getString("entry_type")), rs.getString("transfer_id"),
                rs.getString("counterparty_account_id"), rs.getLong("amount_minor"), rs.getString("currency").trim(),
                fromJson(rs.getString("metadata_json")), rs.getLong("posted_after_minor"),
                rs.getLong("pending_debits_after_minor"), rs.getLong("pending_credits_after_minor"),
                rs.getObject("effective_at", OffsetDateTime.class).toInstant(), JdbcBalanceStore.recordedBy(rs));
    }

    private static <T> Optional<T> first(List<T> rows) {
        return rows.stream().findFirst();
    }

    private String toJson(Map<String, String> metadata) {
        try {
            return json.writeValueAsString(new TreeMap<>(metadata));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("String metadata always serializes", impossible);
        }
    }

    private Map<String, String> fromJson(String metadataJson) {
        try {
            return json.readValue(metadataJson, METADATA_TYPE);
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("Unreadable metadata in statement_entry", corrupt);
        }
    }
}
