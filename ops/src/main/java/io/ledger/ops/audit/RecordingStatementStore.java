package io.ledger.ops.audit;

import io.ledger.core.statement.StatementEntry;
import io.ledger.query.statement.ForwardingStatementStore;
import io.ledger.query.statement.InMemoryStatementStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The read side's in-memory statement store, plus the list of every entry by account in order, for a row-by-row
 * comparison with the live table. The whole view is held: {@code audit verify} compares whole views.
 */
final class RecordingStatementStore extends ForwardingStatementStore {

    private final Map<String, List<StatementEntry>> entries = new TreeMap<>();

    RecordingStatementStore() {
        super(new InMemoryStatementStore());
    }

    @Override
    public void append(StatementEntry entry) {
        super.append(entry);
        entries.computeIfAbsent(entry.accountId(), id -> new ArrayList<>()).add(entry);
    }

    /** Every entry, ordered by account and entry sequence number, as the table's key orders them. */
    List<StatementEntry> all() {
        List<StatementEntry> all = new ArrayList<>();
        entries.values().forEach(all::addAll);
        return all;
    }
}
