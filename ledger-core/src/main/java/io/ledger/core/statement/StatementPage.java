package io.ledger.core.statement;

import java.util.List;

/** A page of a statement; {@code hasMore} says whether entries follow the last one. */
public record StatementPage(List<StatementEntry> entries, boolean hasMore) {

    public StatementPage {
        entries = List.copyOf(entries);
    }
}
