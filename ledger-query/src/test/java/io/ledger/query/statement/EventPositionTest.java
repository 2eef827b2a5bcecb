package io.ledger.query.statement;

import io.ledger.core.account.AccountOpenedEvent;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Statement entries carry their event's own global position, which a gap-aware token does not always tell. */
class EventPositionTest {

    private static final Instant AT = Instant.parse("2026-11-24T03:52:32.766Z");

    @Test
    void theEventsOwnPositionFromTheEventSourceWinsOverTheTokensHighestIndex() {
        InMemoryStatementStore store = new InMemoryStatementStore();
        StatementProjection projection = new StatementProjection(store);
        // Position 662 filled a gap after 668 had been seen: the token says 668.
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(668, Set.of(661L, 663L));

        projection.on(new AccountOpenedEvent("alice", "EUR", "Alice", 0, false), 0L, AT, token,
                MetaData.with(StatementProjection.EVENT_POSITION, 662L));

        assertThat(store.latest("alice")).get().extracting(e -> e.position()).isEqualTo(662L);
    }

    @Test
    void withoutItTheTokensPositionIsUsed() {
        InMemoryStatementStore store = new InMemoryStatementStore();
        StatementProjection projection = new StatementProjection(store);

        projection.on(new AccountOpenedEvent("alice", "EUR", "Alice", 0, false), 0L, AT,
                GapAwareTrackingToken.newInstance(7, Set.of()), MetaData.emptyInstance());

        assertThat(store.latest("alice")).get().extracting(e -> e.position()).isEqualTo(7L);
    }
}
