package io.ledger.api.config;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * A transaction takes its database connection from the pool at its first statement, not when it begins.
 *
 * <p>Axon's command bus begins a command's transaction before the handler runs, and the handler then waits for its
 * accounts' locks. With the connection taken at the start, every command waiting for a lock held a connection it
 * did not use: sixteen atomic batches of 1,000 transfers, waiting for each other's accounts, held the whole pool,
 * so the views' processors and the event store's reader could get none and other requests failed (the
 * {@code batch1000} benchmark, docs/performance.md). Accounts come from the account cache, so a command usually
 * reaches its first statement only once it holds its locks.
 *
 * <p>The pool itself stays reachable through {@code unwrap(HikariDataSource.class)} (and Spring Boot's pool metrics
 * find it that way).
 */
@Configuration(proxyBeanMethods = false)
public class LazyConnectionConfig {

    @Bean
    static BeanPostProcessor lazyConnections() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof HikariDataSource pool ? new LazyConnectionDataSourceProxy(pool) : bean;
            }
        };
    }
}
