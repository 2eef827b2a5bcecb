package io.ledger.query.statement;

import io.ledger.core.statement.StatementEntry;
import io.ledger.query.rebuild.BufferedRebuildStatementStore;

import java.util.Map;
import java.util.Optional;

/**
 * The rebuild's buffered statement store over a fresh H2 database, writing its chunk after every write: the
 * projector reads its latest entries and metadata from the store's memory, as in a rebuild, and the tests' queries
 * read the tables, so they check what it wrote.
 */
final class WrittenAfterEachEntry extends ForwardingStatementStore {

    private final BufferedRebuildStatementStore buffered;

    /** Queries go to the tables. */
    private WrittenAfterEachEntry(JdbcStatementStore tables) {
        super(tables);
        this.buffered = new BufferedRebuildStatementStore(tables);
    }

    static StatementStore onFreshH2() {
        return new WrittenAfterEachEntry(StatementReadModel.freshStore());
    }

    @Override
    public void rememberMetadata(String transferId, Map<String, String> metadata) {
        buffered.rememberMetadata(transferId, metadata);
        buffered.flush();
    }

    @Override
    public Map<String, String> metadataOf(String transferId) {
        return buffered.metadataOf(transferId);
    }

    @Override
    public void append(StatementEntry entry) {
        buffered.append(entry);
        buffered.flush();
    }

    @Override
    public Optional<StatementEntry> latest(String accountId) {
        return buffered.latest(accountId);
    }

    @Override
    public void clear() {
        buffered.clear();
    }
}
