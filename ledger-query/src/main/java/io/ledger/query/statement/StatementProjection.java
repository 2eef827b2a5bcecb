package io.ledger.query.statement;

import io.ledger.core.account.AccountCreditedEvent;
import io.ledger.core.account.AccountDebitedEvent;
import io.ledger.core.account.AccountHoldReleasedEvent;
import io.ledger.core.account.AccountHoldReservedEvent;
import io.ledger.core.account.AccountOpenedEvent;
import io.ledger.core.account.LegSide;
import io.ledger.core.RecordedBy;
import io.ledger.core.statement.EntryType;
import io.ledger.core.statement.StatementEntry;
import io.ledger.core.transfer.HoldPlacedEvent;
import io.ledger.core.transfer.ReversalPostedEvent;
import io.ledger.core.transfer.TransferPostedEvent;
import io.ledger.query.balance.AccountBalanceProjection;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;

import java.time.Instant;
import java.util.Map;

/**
 * Statements, built from each account's own events (its legs and hold reservations), in the order of the
 * account's stream. An entry's record time is its event's timestamp, or its predecessor's if that is later, so
 * record times never decrease along a statement: a point-in-time balance is always the balance after one entry,
 * and the entries at or before any instant form a prefix. (Handlers lock an account before they stamp events for
 * it, so in practice the timestamps already rise; the rule makes it a guarantee.)
 *
 * <p>It shares the balance view's processing group, so both are updated in the same transactions: transfer
 * records (whose metadata the entries show) are always projected before their legs.
 */
@ProcessingGroup(AccountBalanceProjection.PROCESSING_GROUP)
public class StatementProjection {

    private final StatementStore store;

    public StatementProjection(StatementStore store) {
        this.store = store;
    }

    /** For callers without event metadata (projection tests): the entry's origin is unknown. */
    void on(AccountOpenedEvent event, Long seq, Instant recordedAt, TrackingToken token) {
        on(event, seq, recordedAt, token, MetaData.emptyInstance());
    }

    @EventHandler
    void on(AccountOpenedEvent event, @SequenceNumber Long seq, @Timestamp Instant recordedAt, TrackingToken token,
            MetaData origin) {
        store.append(new StatementEntry(event.accountId(), seq, position(token, origin), recordedAt, EntryType.OPENED, null,
                null, 0, event.currency(), Map.of(), 0, 0, 0, recordedAt, RecordedBy.of(origin)));
    }

    @EventHandler
    void on(TransferPostedEvent event) {
        store.rememberMetadata(event.transferId(), event.metadata());
    }

    @EventHandler
    void on(HoldPlacedEvent event) {
        store.rememberMetadata(event.transferId(), event.metadata());
    }

    @EventHandler
    void on(ReversalPostedEvent event) {
        store.rememberMetadata(event.reversalId(), event.metadata());
    }

    /** For callers without event metadata (projection tests): the entry's origin is unknown. */
    void on(AccountDebitedEvent event, Long seq, Instant recordedAt, TrackingToken token) {
        on(event, seq, recordedAt, token, MetaData.emptyInstance());
    }

    @EventHandler
    void on(AccountDebitedEvent event, @SequenceNumber Long seq, @Timestamp Instant recordedAt, TrackingToken token,
            MetaData origin) {
        append(event.accountId(), seq, position(token, origin), recordedAt, RecordedBy.of(origin), event.effectiveAt(), EntryType.DEBIT,
                event.transferId(), event.counterpartyAccountId(), event.amountMinor(), -event.amountMinor(), 0, 0);
    }

    /** For callers without event metadata (projection tests): the entry's origin is unknown. */
    void on(AccountCreditedEvent event, Long seq, Instant recordedAt, TrackingToken token) {
        on(event, seq, recordedAt, token, MetaData.emptyInstance());
    }

    @EventHandler
    void on(AccountCreditedEvent event, @SequenceNumber Long seq, @Timestamp Instant recordedAt, TrackingToken token,
            MetaData origin) {
        append(event.accountId(), seq, position(token, origin), recordedAt, RecordedBy.of(origin), event.effectiveAt(),
                EntryType.CREDIT, event.transferId(), event.counterpartyAccountId(), event.amountMinor(),
                event.amountMinor(), 0, 0);
    }

    /** For callers without event metadata (projection tests): the entry's origin is unknown. */
    void on(AccountHoldReservedEvent event, Long seq, Instant recordedAt, TrackingToken token) {
        on(event, seq, recordedAt, token, MetaData.emptyInstance());
    }

    @EventHandler
    void on(AccountHoldReservedEvent event, @SequenceNumber Long seq, @Timestamp Instant recordedAt,
            TrackingToken token, MetaData origin) {
        boolean debit = event.side() == LegSide.DEBIT;
        append(event.accountId(), seq, position(token, origin), recordedAt, RecordedBy.of(origin), null,
                debit ? EntryType.PENDING_DEBIT : EntryType.PENDING_CREDIT,
                event.transferId(), event.counterpartyAccountId(), event.amountMinor(), 0,
                debit ? event.amountMinor() : 0, debit ? 0 : event.amountMinor());
    }

    /** For callers without event metadata (projection tests): the entry's origin is unknown. */
    void on(AccountHoldReleasedEvent event, Long seq, Instant recordedAt, TrackingToken token) {
        on(event, seq, recordedAt, token, MetaData.emptyInstance());
    }

    @EventHandler
    void on(AccountHoldReleasedEvent event, @SequenceNumber Long seq, @Timestamp Instant recordedAt,
            TrackingToken token, MetaData origin) {
        boolean debit = event.side() == LegSide.DEBIT;
        append(event.accountId(), seq, position(token, origin), recordedAt, RecordedBy.of(origin), null,
                debit ? EntryType.PENDING_DEBIT_RELEASED : EntryType.PENDING_CREDIT_RELEASED, event.transferId(),
                null, event.amountMinor(), 0, debit ? -event.amountMinor() : 0, debit ? 0 : -event.amountMinor());
    }

    @ResetHandler
    void onReset() {
        store.clear();
    }

    /** {@code valueDate} is a back-dated transfer's effective date; null means effective when recorded. */
    private void append(String accountId, long seq, long position, Instant recordedAt, RecordedBy recordedBy,
                        Instant valueDate,
                        EntryType type,
                        String transferId, String counterparty, long amountMinor, long postedDelta,
                        long pendingDebitsDelta, long pendingCreditsDelta) {
        StatementEntry before = store.latest(accountId).orElseThrow(
                () -> new IllegalStateException("Statement entry for unknown account " + accountId));
        // An entry is never recorded before the one it follows, so the entries at or before any instant are
        // always a prefix of the statement, even if a transaction was stamped before it got the account's lock
        // (a batch stamps all its items at once) or a node's clock lags another's.
        Instant entryTime = recordedAt.isBefore(before.recordedAt()) ? before.recordedAt() : recordedAt;
        store.append(new StatementEntry(accountId, seq, position, entryTime, type, transferId, counterparty,
                amountMinor, before.currency(), store.metadataOf(transferId),
                Math.addExact(before.postedAfterMinor(), postedDelta),
                Math.addExact(before.pendingDebitsAfterMinor(), pendingDebitsDelta),
                Math.addExact(before.pendingCreditsAfterMinor(), pendingCreditsDelta),
                valueDate == null ? entryTime : valueDate, recordedBy));
    }

    /**
     * Metadata key under which the service's event source gives each event its own global position. The tracking
     * token alone does not tell it for an event that fills a gap (a transaction that committed after later ones):
     * a gap-aware token's position is the highest index seen, so such an event would be recorded at a later
     * position than its own, and differently from a replay.
     */
    public static final String EVENT_POSITION = "ledger.eventPosition";

    /** The event's global position; -1 when the event did not come from the event store (projection tests). */
    private static long position(TrackingToken token, MetaData origin) {
        Object own = origin.get(EVENT_POSITION);
        if (own instanceof Number number) {
            return number.longValue();
        }
        return token == null ? -1 : token.position().orElse(-1);
    }
}
