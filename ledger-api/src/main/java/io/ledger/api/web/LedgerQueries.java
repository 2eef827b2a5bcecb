package io.ledger.api.web;

import io.ledger.core.account.AccountView;
import io.ledger.core.account.FindAccountQuery;
import io.ledger.core.transfer.FindTransferQuery;
import io.ledger.core.transfer.TransferView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Typed access to the read side through Axon's query bus. */
@Component
public class LedgerQueries {

    private final QueryGateway gateway;

    public LedgerQueries(QueryGateway gateway) {
        this.gateway = gateway;
    }

    public Optional<AccountView> account(String accountId) {
        return gateway.query(new FindAccountQuery(accountId), ResponseTypes.optionalInstanceOf(AccountView.class))
                .join();
    }

    public Optional<TransferView> transfer(String transferId) {
        return gateway.query(new FindTransferQuery(transferId), ResponseTypes.optionalInstanceOf(TransferView.class))
                .join();
    }
}
