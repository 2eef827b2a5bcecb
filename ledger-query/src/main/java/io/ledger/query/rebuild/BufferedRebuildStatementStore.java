package io.ledger.query.rebuild;

import io.ledger.core.statement.StatementEntry;
import io.ledger.query.statement.ForwardingStatementStore;
import io.ledger.query.statement.JdbcStatementStore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The statement store a rebuild writes through; see {@link BufferedRebuildBalanceStore} for why. Entries and
 * metadata are only ever added, so a chunk's rows go out in two batch inserts ({@link #flush}).
 *
 * <p>In memory: every account's latest entry (the rebuild starts from empty tables and is their only writer, so
 * this is complete), and the metadata of the most recent transfers, which their legs name a moment later. The
 * metadata of an older transfer (a hold released days after it was placed) is read from the tables.
 */
public final class BufferedRebuildStatementStore extends ForwardingStatementStore {

    /** How many transfers' metadata stay in memory after their chunk is written. */
    static final int REMEMBERED_METADATA = 20_000;

    private final JdbcStatementStore tables;
    private final Map<String, StatementEntry> latestByAccount = new HashMap<>();
    private final List<StatementEntry> entriesToInsert = new ArrayList<>();
    private final Map<String, Map<String, String>> metadataToInsert = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> recentMetadata = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, String>> eldest) {
            return size() > REMEMBERED_METADATA;
        }
    };

    /** Queries go to {@code tables} and see what earlier chunks wrote; nobody asks them of a set being rebuilt. */
    public BufferedRebuildStatementStore(JdbcStatementStore tables) {
        super(tables);
        this.tables = tables;
    }

    /** Writes the chunk's entries and metadata in the caller's transaction. */
    public void flush() {
        tables.insertMetadata(metadataToInsert);
        tables.insertEntries(entriesToInsert);
        recentMetadata.putAll(metadataToInsert);
        metadataToInsert.clear();
        entriesToInsert.clear();
    }

    @Override
    public void rememberMetadata(String transferId, Map<String, String> metadata) {
        if (metadataToInsert.containsKey(transferId) || recentMetadata.containsKey(transferId)) {
            throw new IllegalStateException("Metadata of transfer " + transferId + " projected twice");
        }
        metadataToInsert.put(transferId, Collections.unmodifiableMap(new TreeMap<>(metadata)));
    }

    @Override
    public Map<String, String> metadataOf(String transferId) {
        if (transferId == null) {
            return Map.of();
        }
        Map<String, String> inChunk = metadataToInsert.get(transferId);
        if (inChunk != null) {
            return inChunk;
        }
        Map<String, String> recent = recentMetadata.get(transferId);
        return recent != null ? recent : tables.metadataOf(transferId);
    }

    @Override
    public void append(StatementEntry entry) {
        StatementEntry previous = latestByAccount.get(entry.accountId());
        if (previous != null && entry.entrySeq() <= previous.entrySeq()) {
            throw new IllegalStateException("Entry " + entry.entrySeq() + " of " + entry.accountId()
                    + " after entry " + previous.entrySeq() + ": projected twice or out of order");
        }
        latestByAccount.put(entry.accountId(), entry);
        entriesToInsert.add(entry);
    }

    @Override
    public Optional<StatementEntry> latest(String accountId) {
        return Optional.ofNullable(latestByAccount.get(accountId));
    }

    @Override
    public void clear() {
        tables.clear();
        latestByAccount.clear();
        entriesToInsert.clear();
        metadataToInsert.clear();
        recentMetadata.clear();
    }
}
