package io.ledger.ops.audit;

import io.ledger.core.compliance.ComplianceRules;
import io.ledger.core.statement.StatementEntry;
import io.ledger.ops.store.EventReader;
import io.ledger.ops.store.StoredEvent;
import io.ledger.query.ProjectionProgress;
import io.ledger.query.balance.AccountBalanceProjection;
import io.ledger.query.balance.BalanceStore;
import io.ledger.query.compliance.ComplianceProjection;
import io.ledger.query.statement.StatementProjection;
import org.axonframework.eventhandling.TrackedEventMessage;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Replays the event store, in global order, through the service's three projections, into stores held in memory:
 * the statement projection into a {@link CutStatementStore} that keeps each account's figures at the requested
 * cuts, the balance and compliance projections into stores fed only the events recorded at or before the
 * knowledge cut-off (so account states and alerts are those the ledger had then, with reviews made later not yet
 * applied).
 *
 * <p>Reading stops at the first event recorded later than the cut-off plus the settle window: an event stamped at
 * or before the cut-off commits within the settle window (docs/time.md), so nothing after that point can count.
 */
final class PointInTimeReplay {

    record Result(CutStatementStore statements, BalanceStore balances, IndexedComplianceStore compliance,
                  long lastAppliedIndex, Set<String> unknownPayloadTypes) {
    }

    private final ComplianceRules rules;
    private final Duration settleWindow;

    PointInTimeReplay(ComplianceRules rules, Duration settleWindow) {
        this.rules = rules;
        this.settleWindow = settleWindow;
    }

    /**
     * @param knownAt    the knowledge cut-off: the balance and compliance views see events recorded up to it
     * @param onEntry    told of every statement entry appended, with the event that made it
     */
    Result run(EventReader reader, List<Cut> cuts, Instant knownAt, Progress progress,
               BiConsumer<StoredEvent, StatementEntry> onEntry) throws SQLException {
        StoredEvent[] current = new StoredEvent[1];
        CutStatementStore statements = new CutStatementStore(cuts, entry -> onEntry.accept(current[0], entry));
        ReplayBalanceStore balances = new ReplayBalanceStore();
        IndexedComplianceStore compliance = new IndexedComplianceStore();
        Dispatcher statementView = new Dispatcher(new StatementProjection(statements));
        Dispatcher balanceView = new Dispatcher(new AccountBalanceProjection(balances, new ProjectionProgress()));
        Dispatcher complianceView = new Dispatcher(new ComplianceProjection(compliance, rules));
        Instant stopAfter = knownAt.plus(settleWindow);
        Set<String> unknown = new TreeSet<>();
        long[] lastApplied = {0};
        reader.stream(0, Long.MAX_VALUE, event -> {
            if (event.recordedAt().isAfter(stopAfter)) {
                return false;
            }
            progress.eventDone(event.globalIndex());
            if (event.payload() == null) {
                unknown.add(event.payloadType());
                return true;
            }
            current[0] = event;
            TrackedEventMessage<?> message = Projections.message(event);
            statementView.apply(message, event);
            if (!event.recordedAt().isAfter(knownAt)) {
                balanceView.apply(message, event);
                complianceView.apply(message, event);
                lastApplied[0] = event.globalIndex();
            }
            return true;
        });
        progress.finish();
        return new Result(statements, balances, compliance, lastApplied[0], unknown);
    }
}
