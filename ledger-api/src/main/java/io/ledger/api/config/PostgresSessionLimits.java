package io.ledger.api.config;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Gives every connection of the service's pool to PostgreSQL a statement timeout and an idle-in-transaction
 * timeout, so that PostgreSQL itself ends a write transaction that hangs (waiting on a lock, or abandoned by a
 * stalled JVM between its insert and its commit). PostgreSQL 14, the version tested here, has no
 * {@code transaction_timeout} (it arrived in 17); the two limits together with the append deadline bound a write
 * transaction instead. H2 is embedded and single-node, and keeps its own defaults.
 *
 * <p>Flyway gets the same pool; a migration statement that may run longer than the statement timeout (an index on
 * a large table) starts with {@code SET LOCAL statement_timeout = 0}, which lasts only for its transaction.
 */
final class PostgresSessionLimits implements BeanPostProcessor {

    private final Environment environment;

    /** Reads its settings itself: a post-processor is created before configuration properties are bound. */
    PostgresSessionLimits(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
                && pool.getJdbcUrl().startsWith("jdbc:postgresql:")) {
            StoreProperties store = Binder.get(environment).bindOrCreate("ledger.store", StoreProperties.class);
            pool.setConnectionInitSql(initSql(store));
        }
        return bean;
    }

    /** One statement, so that it works whatever the driver's query mode; zero means no limit, as in PostgreSQL. */
    static String initSql(StoreProperties store) {
        return "SELECT set_config('statement_timeout', '" + store.statementTimeout().toMillis() + "', false), "
                + "set_config('idle_in_transaction_session_timeout', '"
                + store.idleInTransactionTimeout().toMillis() + "', false)";
    }
}
