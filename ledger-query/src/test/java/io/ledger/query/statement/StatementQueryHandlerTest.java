package io.ledger.query.statement;

import io.ledger.core.statement.FindBalanceAtQuery;
import io.ledger.core.statement.FindStatementQuery;
import io.ledger.core.statement.StatementEntry;
import io.ledger.core.statement.StatementPage;
import io.ledger.core.statement.TrialBalanceLine;
import io.ledger.core.statement.TrialBalanceQuery;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static io.ledger.query.statement.RecordedStatements.ALICE;
import static io.ledger.query.statement.RecordedStatements.ALICE_OPENED_AT;
import static io.ledger.query.statement.RecordedStatements.BOB;
import static io.ledger.query.statement.RecordedStatements.EXPECTED_ALICE;
import static io.ledger.query.statement.RecordedStatements.EXPECTED_BOB;
import static io.ledger.query.statement.RecordedStatements.HOTEL_PLACED_AT;
import static io.ledger.query.statement.RecordedStatements.HOTEL_POSTED_AT;
import static io.ledger.query.statement.RecordedStatements.INVOICE_POSTED_AT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statement query handler answers its three queries from the store, called directly and through Axon's query
 * bus with the response types the HTTP layer asks for.
 */
class StatementQueryHandlerTest {

    private static final Instant LATER = Instant.parse("2024-04-01T00:00:00.000Z");
    private static final TrialBalanceLine EUR_AFTER_ALL = new TrialBalanceLine("EUR", 12_500, 12_500, 0, 2);

    private static StatementStore recorded(Supplier<StatementStore> stores) {
        StatementStore store = stores.get();
        RecordedStatements.replayInto(new StatementProjection(store));
        return store;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.statement.StatementStores#both")
    void answersAStatementQueryWithThePageTheStoreHolds(Supplier<StatementStore> stores) {
        StatementQueryHandler handler = new StatementQueryHandler(recorded(stores));

        StatementPage first = handler.handle(new FindStatementQuery(ALICE, null, null, -1, 4));
        StatementPage rest = handler.handle(new FindStatementQuery(ALICE, null, null, 3, 4));
        StatementPage window = handler.handle(new FindStatementQuery(BOB, INVOICE_POSTED_AT, HOTEL_POSTED_AT, -1, 10));

        assertThat(first).isEqualTo(new StatementPage(EXPECTED_ALICE.subList(0, 4), true));
        assertThat(rest).isEqualTo(new StatementPage(EXPECTED_ALICE.subList(4, 6), false));
        assertThat(window).isEqualTo(new StatementPage(EXPECTED_BOB.subList(1, 5), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.statement.StatementStores#both")
    void answersABalanceQueryWithTheLastEntryAtOrBeforeTheInstant(Supplier<StatementStore> stores) {
        StatementQueryHandler handler = new StatementQueryHandler(recorded(stores));

        assertThat(handler.handle(new FindBalanceAtQuery(ALICE, HOTEL_PLACED_AT))).contains(EXPECTED_ALICE.get(2));
        assertThat(handler.handle(new FindBalanceAtQuery(ALICE, HOTEL_POSTED_AT))).contains(EXPECTED_ALICE.get(4));
        assertThat(handler.handle(new FindBalanceAtQuery(BOB, LATER))).contains(EXPECTED_BOB.get(5));
        assertThat(handler.handle(new FindBalanceAtQuery(ALICE, ALICE_OPENED_AT.minusMillis(1)))).isEmpty();
        assertThat(handler.handle(new FindBalanceAtQuery("acc-unknown", LATER))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.statement.StatementStores#both")
    void answersATrialBalanceQueryWithEveryCurrencyAsItStood(Supplier<StatementStore> stores) {
        StatementQueryHandler handler = new StatementQueryHandler(recorded(stores));

        assertThat(handler.handle(new TrialBalanceQuery(LATER))).containsExactly(EUR_AFTER_ALL);
        assertThat(handler.handle(new TrialBalanceQuery(INVOICE_POSTED_AT)))
                .containsExactly(new TrialBalanceLine("EUR", 10_000, 10_000, 0, 2));
        assertThat(handler.handle(new TrialBalanceQuery(ALICE_OPENED_AT)))
                .containsExactly(new TrialBalanceLine("EUR", 0, 0, 0, 1));
        assertThat(handler.handle(new TrialBalanceQuery(ALICE_OPENED_AT.minusMillis(1)))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ledger.query.statement.StatementStores#both")
    void answersAllThreeQueriesThroughTheQueryBus(Supplier<StatementStore> stores) {
        SimpleQueryBus bus = SimpleQueryBus.builder().build();
        new AnnotationQueryHandlerAdapter<>(new StatementQueryHandler(recorded(stores))).subscribe(bus);
        QueryGateway gateway = DefaultQueryGateway.builder().queryBus(bus).build();

        StatementPage page = gateway.query(new FindStatementQuery(ALICE, null, null, -1, 10),
                ResponseTypes.instanceOf(StatementPage.class)).join();
        Optional<StatementEntry> balance = gateway.query(new FindBalanceAtQuery(BOB, HOTEL_PLACED_AT),
                ResponseTypes.optionalInstanceOf(StatementEntry.class)).join();
        Optional<StatementEntry> notYet = gateway.query(new FindBalanceAtQuery(BOB, ALICE_OPENED_AT),
                ResponseTypes.optionalInstanceOf(StatementEntry.class)).join();
        List<TrialBalanceLine> trialBalance = gateway.query(new TrialBalanceQuery(LATER),
                ResponseTypes.multipleInstancesOf(TrialBalanceLine.class)).join();

        assertThat(page).isEqualTo(new StatementPage(EXPECTED_ALICE, false));
        assertThat(balance).contains(EXPECTED_BOB.get(2));
        assertThat(notYet).isEmpty();
        assertThat(trialBalance).containsExactly(EUR_AFTER_ALL);
    }
}
