package io.ledger.query.statement;

import io.ledger.core.statement.StatementEntry;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the statement projector remembers between events so that it need not read its own writes back from the
 * database: each account's latest entry, and the metadata of recent transfers. Both are bounded, least recently
 * used first out.
 *
 * <p>Latest entries are only used inside the projector's unit of work, and the whole memory of them is dropped
 * when one rolls back: an entry remembered from a rolled-back batch was never stored. An entry can also be behind
 * the table when another node projected in between; the store's guarded insert catches that (see
 * {@link JdbcStatementStore#append}). Metadata needs no such care: a transfer's metadata is fixed by its event,
 * so a remembered value is right even if the insert that stored it was rolled back (the event is projected again,
 * with the same value).
 */
final class ProjectorMemory {

    private static final String ROLLBACK_HOOK = ProjectorMemory.class.getName() + ".rollbackHook";

    private final Map<String, StatementEntry> latest;
    private final Map<String, Map<String, String>> metadata;

    ProjectorMemory(int entries) {
        this.latest = lru(entries);
        this.metadata = lru(entries);
    }

    /** The account's latest entry as this projector wrote or read it, if inside a unit of work and known. */
    synchronized Optional<StatementEntry> latest(String accountId) {
        return inUnitOfWork() ? Optional.ofNullable(latest.get(accountId)) : Optional.empty();
    }

    synchronized void wrote(StatementEntry entry) {
        if (inUnitOfWork()) {
            latest.put(entry.accountId(), entry);
        }
    }

    synchronized Map<String, String> metadataOf(String transferId) {
        return metadata.get(transferId);
    }

    synchronized void rememberMetadata(String transferId, Map<String, String> value) {
        metadata.put(transferId, value);
    }

    /** Forgets every latest entry: after a rollback, a cleared view, or an entry found behind the table. */
    synchronized void forgetLatest() {
        latest.clear();
    }

    synchronized void forgetAll() {
        latest.clear();
        metadata.clear();
    }

    private boolean inUnitOfWork() {
        if (!CurrentUnitOfWork.isStarted()) {
            return false;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        root.resources().computeIfAbsent(ROLLBACK_HOOK, key -> {
            root.onRollback(rolledBack -> forgetLatest());
            return Boolean.TRUE;
        });
        return true;
    }

    private static <V> Map<String, V> lru(int entries) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > entries;
            }
        };
    }
}
