package io.ledger.query.statement;

import io.ledger.core.statement.StatementEntry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The statement view's writes of one event processor batch, written out when the batch commits
 * ({@link io.ledger.query.UnitOfWorkBuffer}): entries and transfers' metadata, each kind in one JDBC batch.
 *
 * <p>Each account's first entry of the batch is inserted only if the entry it was computed from is still the
 * account's last stored one (the guard of {@link JdbcStatementStore#append}); its later entries follow the first
 * within the same transaction, so they need no guard of their own. A guard that fails rolls the batch back.
 */
final class StatementBatch {

    /** An account's first entry of the batch, and the number of the stored entry it follows. */
    record FirstEntry(StatementEntry entry, long followsEntrySeq) {
    }

    private final List<FirstEntry> guarded = new ArrayList<>();
    private final List<StatementEntry> unguarded = new ArrayList<>();
    private final Map<String, StatementEntry> latest = new HashMap<>();
    private final Map<String, Map<String, String>> metadata = new LinkedHashMap<>();

    /**
     * Adds an entry. {@code storedPredecessor} is the entry it was computed from, as known before this batch; it is
     * only consulted for the account's first entry of the batch, and is empty for an account's opening entry.
     */
    void append(StatementEntry entry, Optional<StatementEntry> storedPredecessor) {
        boolean first = !latest.containsKey(entry.accountId());
        latest.put(entry.accountId(), entry);
        if (first && storedPredecessor.isPresent()) {
            guarded.add(new FirstEntry(entry, storedPredecessor.get().entrySeq()));
        } else {
            unguarded.add(entry);
        }
    }

    /** The account's last entry of this batch, if it has one. */
    Optional<StatementEntry> latest(String accountId) {
        return Optional.ofNullable(latest.get(accountId));
    }

    void rememberMetadata(String transferId, Map<String, String> value) {
        if (metadata.putIfAbsent(transferId, value) != null) {
            throw new IllegalStateException("Metadata of transfer " + transferId + " projected twice");
        }
    }

    Map<String, String> metadataOf(String transferId) {
        return metadata.get(transferId);
    }

    List<FirstEntry> guardedEntries() {
        return guarded;
    }

    List<StatementEntry> unguardedEntries() {
        return unguarded;
    }

    Map<String, Map<String, String>> metadata() {
        return metadata;
    }

    /** Drops everything buffered: the view is being cleared. */
    void discard() {
        guarded.clear();
        unguarded.clear();
        latest.clear();
        metadata.clear();
    }
}
