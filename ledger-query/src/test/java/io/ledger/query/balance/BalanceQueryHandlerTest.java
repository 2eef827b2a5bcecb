package io.ledger.query.balance;

import io.ledger.core.account.FindAccountQuery;
import io.ledger.core.transfer.FindTransferQuery;
import io.ledger.query.ProjectionProgress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.ledger.query.balance.RecordedLedger.ALICE;
import static io.ledger.query.balance.RecordedLedger.EXPECTED_ACCOUNTS;
import static io.ledger.query.balance.RecordedLedger.EXPECTED_TRANSFERS;
import static io.ledger.query.balance.RecordedLedger.INVOICE;
import static org.assertj.core.api.Assertions.assertThat;

class BalanceQueryHandlerTest {

    private final BalanceStore store = new InMemoryBalanceStore();
    private final BalanceQueryHandler handler = new BalanceQueryHandler(store);

    @BeforeEach
    void projectTheRecordedLedger() {
        RecordedLedger.replayInto(new AccountBalanceProjection(store, new ProjectionProgress()));
    }

    @Test
    void answersAnUnknownAccountWithNothing() {
        assertThat(handler.handle(new FindAccountQuery("acc-nobody"))).isEmpty();
    }

    @Test
    void answersAKnownAccountWithItsView() {
        assertThat(handler.handle(new FindAccountQuery(ALICE)))
                .contains(EXPECTED_ACCOUNTS.stream().filter(a -> a.accountId().equals(ALICE)).findFirst().orElseThrow());
    }

    @Test
    void answersAnUnknownTransferWithNothing() {
        assertThat(handler.handle(new FindTransferQuery("tr-nothing"))).isEmpty();
    }

    @Test
    void answersAKnownTransferWithItsView() {
        assertThat(handler.handle(new FindTransferQuery(INVOICE)))
                .contains(EXPECTED_TRANSFERS.stream().filter(t -> t.transferId().equals(INVOICE)).findFirst().orElseThrow());
    }

    @Test
    void doesNotMistakeAnAccountIdForATransferId() {
        assertThat(handler.handle(new FindTransferQuery(ALICE))).isEmpty();
        assertThat(handler.handle(new FindAccountQuery(INVOICE))).isEmpty();
    }
}
