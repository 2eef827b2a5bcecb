package io.ledger.core.statement;

import io.ledger.core.RecordedBy;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of an account's statement, with the account's balances right after it.
 *
 * @param entrySeq   the entry's place in the account's own history (its event stream's sequence number)
 * @param position   the event's global position in the event store
 * @param metadata   the transfer's metadata, empty for entries without a transfer
 * @param effectiveAt the entry's value date: its record time, or earlier for a back-dated transfer. The balances
 *                    "after" are in record order; value-date balances are sums over entries (see
 *                    {@code FindBalanceEffectiveQuery})
 * @param recordedBy  who caused the entry's event (principal, correlation and request ids); null for events
 *                    recorded before the ledger kept principals
 */
public record StatementEntry(
        String accountId,
        long entrySeq,
        long position,
        Instant recordedAt,
        EntryType type,
        String transferId,
        String counterpartyAccountId,
        long amountMinor,
        String currency,
        Map<String, String> metadata,
        long postedAfterMinor,
        long pendingDebitsAfterMinor,
        long pendingCreditsAfterMinor,
        Instant effectiveAt,
        RecordedBy recordedBy) {

    /** An entry without a known origin. */
    public StatementEntry(String accountId, long entrySeq, long position, Instant recordedAt, EntryType type,
                          String transferId, String counterpartyAccountId, long amountMinor, String currency,
                          Map<String, String> metadata, long postedAfterMinor, long pendingDebitsAfterMinor,
                          long pendingCreditsAfterMinor, Instant effectiveAt) {
        this(accountId, entrySeq, position, recordedAt, type, transferId, counterpartyAccountId, amountMinor,
                currency, metadata, postedAfterMinor, pendingDebitsAfterMinor, pendingCreditsAfterMinor, effectiveAt,
                null);
    }

    /** An entry effective when it was recorded. */
    public StatementEntry(String accountId, long entrySeq, long position, Instant recordedAt, EntryType type,
                          String transferId, String counterpartyAccountId, long amountMinor, String currency,
                          Map<String, String> metadata, long postedAfterMinor, long pendingDebitsAfterMinor,
                          long pendingCreditsAfterMinor) {
        this(accountId, entrySeq, position, recordedAt, type, transferId, counterpartyAccountId, amountMinor,
                currency, metadata, postedAfterMinor, pendingDebitsAfterMinor, pendingCreditsAfterMinor, recordedAt);
    }
}
