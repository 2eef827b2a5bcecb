package io.ledger.query.balance;

import io.ledger.core.account.AccountView;
import io.ledger.core.account.FindAccountQuery;
import io.ledger.core.transfer.FindDueHoldsQuery;
import io.ledger.core.transfer.FindTransferQuery;
import io.ledger.core.transfer.TransferView;
import org.axonframework.queryhandling.QueryHandler;

import java.util.List;
import java.util.Optional;

/** Answers queries on the balance view. An empty answer means the view does not (yet) know the id. */
public class BalanceQueryHandler {

    private final BalanceStore store;

    public BalanceQueryHandler(BalanceStore store) {
        this.store = store;
    }

    @QueryHandler
    public Optional<AccountView> handle(FindAccountQuery query) {
        return store.findAccount(query.accountId());
    }

    @QueryHandler
    public Optional<TransferView> handle(FindTransferQuery query) {
        return store.findTransfer(query.transferId());
    }

    /** Ids of holds that are due to expire; answered from stored state, so it survives any restart. */
    @QueryHandler
    public List<String> handle(FindDueHoldsQuery query) {
        return store.dueHolds(query.now(), query.limit());
    }
}
