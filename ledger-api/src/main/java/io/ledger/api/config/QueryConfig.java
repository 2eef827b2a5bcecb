package io.ledger.api.config;

import io.ledger.query.ProjectionProgress;
import io.ledger.query.balance.AccountBalanceProjection;
import io.ledger.query.balance.BalanceQueryHandler;
import io.ledger.query.balance.BalanceStore;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import io.ledger.query.statement.StatementProjection;
import io.ledger.query.statement.StatementQueryHandler;
import io.ledger.query.statement.StatementStore;
import io.ledger.query.rebuild.SwitchableBalanceStore;
import io.ledger.query.rebuild.SwitchableStatementStore;
import io.ledger.query.rebuild.ViewSet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Wiring of the read side: projections, their stores and query handlers. */
@Configuration(proxyBeanMethods = false)
public class QueryConfig {

    /**
     * A projection that fails on an event must not skip it: Axon's default only logs the failure and commits the
     * rest of the batch, which would leave a view silently wrong. Propagating the error rolls the batch back and
     * the processor retries it with a growing pause, so a broken view stalls (visibly, as lag) instead.
     */
    @Bean
    public ConfigurerModule projectionErrorsRollBack() {
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerDefaultListenerInvocationErrorHandler(
                        configuration -> PropagatingErrorHandler.instance()));
    }

    @Bean
    public ProjectionProgress projectionProgress() {
        return new ProjectionProgress();
    }

    /** Which of the balance view's two table sets answers; a rebuild fills the other and switches. */
    @Bean
    public ViewSet viewSet(JdbcTemplate jdbcTemplate) {
        return new ViewSet(jdbcTemplate);
    }

    @Bean
    public BalanceStore balanceStore(JdbcTemplate jdbcTemplate, ViewSet viewSet) {
        return new SwitchableBalanceStore(jdbcTemplate, viewSet);
    }

    @Bean
    public AccountBalanceProjection accountBalanceProjection(BalanceStore balanceStore, ProjectionProgress progress) {
        return new AccountBalanceProjection(balanceStore, progress);
    }

    @Bean
    public StatementStore statementStore(JdbcTemplate jdbcTemplate, ViewSet viewSet) {
        return new SwitchableStatementStore(jdbcTemplate, viewSet);
    }

    @Bean
    public StatementProjection statementProjection(StatementStore statementStore) {
        return new StatementProjection(statementStore);
    }

    @Bean
    public StatementQueryHandler statementQueryHandler(StatementStore statementStore) {
        return new StatementQueryHandler(statementStore);
    }

    @Bean
    public BalanceQueryHandler balanceQueryHandler(BalanceStore balanceStore) {
        return new BalanceQueryHandler(balanceStore);
    }
}
