package io.ledger.query.balance;

import io.ledger.core.account.AccountClosedEvent;
import io.ledger.core.account.AccountFrozenEvent;
import io.ledger.core.account.AccountOpenedEvent;
import io.ledger.core.account.AccountOverdraftLimitChangedEvent;
import io.ledger.core.account.AccountStatus;
import io.ledger.core.account.AccountUnfrozenEvent;
import io.ledger.core.account.AccountView;
import io.ledger.core.transfer.HoldExpiredEvent;
import io.ledger.core.transfer.HoldPlacedEvent;
import io.ledger.core.transfer.HoldPostedEvent;
import io.ledger.core.transfer.HoldVoidedEvent;
import io.ledger.core.transfer.ReversalPostedEvent;
import io.ledger.core.transfer.TransferKind;
import io.ledger.core.transfer.TransferPostedEvent;
import io.ledger.core.transfer.TransferReversedEvent;
import io.ledger.core.transfer.TransferStatus;
import io.ledger.core.transfer.TransferView;
import io.ledger.core.RecordedBy;
import org.axonframework.messaging.MetaData;
import io.ledger.query.ProjectionProgress;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.time.Instant;

/**
 * The balance view: each account's state and balances (posted, pending debits, pending credits), and each
 * transfer's record. Deterministic and safe to replay: it reads neither the clock nor anything outside its events,
 * so a replay of the same events builds the same rows.
 *
 * <p>It projects the transfer-stream events (each carries both legs) rather than the per-account leg events; the
 * leg events exist so that each account aggregate can rebuild its own balance from its own stream.
 */
@ProcessingGroup(AccountBalanceProjection.PROCESSING_GROUP)
public class AccountBalanceProjection {

    public static final String PROCESSING_GROUP = "balances";

    private final BalanceStore store;
    private final ProjectionProgress progress;

    public AccountBalanceProjection(BalanceStore store, ProjectionProgress progress) {
        this.store = store;
        this.progress = progress;
    }

    @EventHandler
    void on(AccountOpenedEvent event, @Timestamp Instant recordedAt) {
        store.insertAccount(new AccountView(event.accountId(), event.currency(), event.name(),
                event.overdraftLimitMinor(), event.unlimitedOverdraft(), AccountStatus.ACTIVE, 0, 0, 0, recordedAt));
        signalAfterCommit();
    }

    @EventHandler
    void on(AccountFrozenEvent event) {
        store.updateStatus(event.accountId(), AccountStatus.FROZEN);
        signalAfterCommit();
    }

    @EventHandler
    void on(AccountUnfrozenEvent event) {
        store.updateStatus(event.accountId(), AccountStatus.ACTIVE);
        signalAfterCommit();
    }

    @EventHandler
    void on(AccountClosedEvent event) {
        store.updateStatus(event.accountId(), AccountStatus.CLOSED);
        signalAfterCommit();
    }

    @EventHandler
    void on(AccountOverdraftLimitChangedEvent event) {
        store.updateOverdraftLimit(event.accountId(), event.overdraftLimitMinor(), event.unlimitedOverdraft());
        signalAfterCommit();
    }

    /** For callers without event metadata (projection tests): the transfer's origin is unknown. */
    void on(TransferPostedEvent event, Instant recordedAt) {
        on(event, recordedAt, MetaData.emptyInstance());
    }

    @EventHandler
    void on(TransferPostedEvent event, @Timestamp Instant recordedAt, MetaData origin) {
        store.recordPostedTransfer(new TransferView(event.transferId(), TransferKind.TRANSFER,
                event.debitAccountId(), event.creditAccountId(), event.amountMinor(), event.amountMinor(), 0,
                event.currency(), event.metadata(), TransferStatus.POSTED, null, null, recordedAt, null,
                RecordedBy.of(origin)));
        signalAfterCommit();
    }

    /** For callers without event metadata (projection tests): the transfer's origin is unknown. */
    void on(HoldPlacedEvent event, Instant recordedAt) {
        on(event, recordedAt, MetaData.emptyInstance());
    }

    @EventHandler
    void on(HoldPlacedEvent event, @Timestamp Instant recordedAt, MetaData origin) {
        store.recordHold(new TransferView(event.transferId(), TransferKind.HOLD, event.debitAccountId(),
                event.creditAccountId(), event.amountMinor(), 0, 0, event.currency(), event.metadata(),
                TransferStatus.PENDING, null, event.expiresAt(), recordedAt, null, RecordedBy.of(origin)));
        signalAfterCommit();
    }

    @EventHandler
    void on(HoldPostedEvent event, @Timestamp Instant recordedAt) {
        store.resolveHold(event.transferId(), TransferStatus.POSTED, event.postedMinor(), recordedAt);
        signalAfterCommit();
    }

    @EventHandler
    void on(HoldVoidedEvent event, @Timestamp Instant recordedAt) {
        store.resolveHold(event.transferId(), TransferStatus.VOIDED, 0, recordedAt);
        signalAfterCommit();
    }

    @EventHandler
    void on(HoldExpiredEvent event, @Timestamp Instant recordedAt) {
        store.resolveHold(event.transferId(), TransferStatus.EXPIRED, 0, recordedAt);
        signalAfterCommit();
    }

    /** For callers without event metadata (projection tests): the transfer's origin is unknown. */
    void on(ReversalPostedEvent event, Instant recordedAt) {
        on(event, recordedAt, MetaData.emptyInstance());
    }

    @EventHandler
    void on(ReversalPostedEvent event, @Timestamp Instant recordedAt, MetaData origin) {
        store.recordPostedTransfer(new TransferView(event.reversalId(), TransferKind.REVERSAL,
                event.debitAccountId(), event.creditAccountId(), event.amountMinor(), event.amountMinor(), 0,
                event.currency(), event.metadata(), TransferStatus.POSTED, event.originalTransferId(), null,
                recordedAt, null, RecordedBy.of(origin)));
        signalAfterCommit();
    }

    @EventHandler
    void on(TransferReversedEvent event) {
        store.updateReversed(event.transferId(), event.totalReversedMinor());
        signalAfterCommit();
    }

    @ResetHandler
    void onReset() {
        store.clear();
    }

    /** Readers waiting for their own write are woken only once the rows are committed and visible to them. */
    private void signalAfterCommit() {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> progress.signal());
        } else {
            progress.signal();
        }
    }
}
