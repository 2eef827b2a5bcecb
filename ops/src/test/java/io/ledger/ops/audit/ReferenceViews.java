package io.ledger.ops.audit;

import io.ledger.core.compliance.ComplianceRules;
import io.ledger.ops.store.StoredEvent;
import io.ledger.query.ProjectionProgress;
import io.ledger.query.balance.AccountBalanceProjection;
import io.ledger.query.balance.BalanceStore;
import io.ledger.query.balance.InMemoryBalanceStore;
import io.ledger.query.compliance.ComplianceProjection;
import io.ledger.query.compliance.ComplianceStore;
import io.ledger.query.compliance.InMemoryComplianceStore;
import io.ledger.query.statement.InMemoryStatementStore;
import io.ledger.query.statement.StatementProjection;
import io.ledger.query.statement.StatementStore;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;

import java.util.List;

/**
 * The service's views fed the given events through its projections into the given stores: the read side's
 * in-memory stores for the service's point-in-time answers, or its JDBC stores to build live tables.
 */
final class ReferenceViews {

    final BalanceStore balances;
    final StatementStore statements;
    final ComplianceStore compliance;

    ReferenceViews(BalanceStore balances, StatementStore statements, ComplianceStore compliance) {
        this.balances = balances;
        this.statements = statements;
        this.compliance = compliance;
    }

    static ReferenceViews inMemory() {
        return new ReferenceViews(new InMemoryBalanceStore(), new InMemoryStatementStore(),
                new InMemoryComplianceStore());
    }

    ReferenceViews feed(List<StoredEvent> events) {
        AnnotationEventHandlerAdapter balanceView =
                Projections.adapt(new AccountBalanceProjection(balances, new ProjectionProgress()));
        AnnotationEventHandlerAdapter statementView = Projections.adapt(new StatementProjection(statements));
        AnnotationEventHandlerAdapter complianceView =
                Projections.adapt(new ComplianceProjection(compliance, ComplianceRules.DEFAULT));
        for (StoredEvent event : events) {
            var message = Projections.message(event);
            Projections.apply(balanceView, message, event);
            Projections.apply(statementView, message, event);
            Projections.apply(complianceView, message, event);
        }
        return this;
    }
}
