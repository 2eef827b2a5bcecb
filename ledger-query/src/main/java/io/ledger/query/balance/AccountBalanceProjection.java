package io.ledger.query.balance;

import io.ledger.core.account.AccountOpenedEvent;
import io.ledger.core.account.AccountView;
import io.ledger.core.transfer.TransferPostedEvent;
import io.ledger.core.transfer.TransferStatus;
import io.ledger.core.transfer.TransferView;
import io.ledger.query.ProjectionProgress;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.time.Instant;

/**
 * The balance view: each account's posted balance, and each transfer's record. Deterministic and safe to replay:
 * it reads neither the clock nor anything outside its events, so a replay of the same events builds the same rows.
 *
 * <p>It projects {@link TransferPostedEvent} (both legs in one event) rather than the per-account leg events; the
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
                event.overdraftLimitMinor(), event.unlimitedOverdraft(), 0, recordedAt));
        signalAfterCommit();
    }

    @EventHandler
    void on(TransferPostedEvent event, @Timestamp Instant recordedAt) {
        store.recordPostedTransfer(new TransferView(event.transferId(), event.debitAccountId(),
                event.creditAccountId(), event.amountMinor(), event.currency(), event.metadata(), TransferStatus.POSTED,
                recordedAt));
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
