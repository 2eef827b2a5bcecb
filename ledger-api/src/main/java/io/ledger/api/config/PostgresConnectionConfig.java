package io.ledger.api.config;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Driver settings for PostgreSQL that the ledger relies on, set in code so that they apply however the URL is
 * given (profile, environment, or a test's own URL).
 *
 * <p>{@code reWriteBatchedInserts}: the driver sends a JDBC batch of inserts as one multi-row INSERT. A transfer
 * appends three events (the transfer and both legs) in one batch; without this they are three statements and
 * three round trips. H2 rejects unknown connection settings, so this is only set for PostgreSQL.
 */
@Configuration(proxyBeanMethods = false)
public class PostgresConnectionConfig {

    static final String REWRITE_BATCHED_INSERTS = "reWriteBatchedInserts";

    @Bean
    static BeanPostProcessor postgresDriverSettings() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource pool && isPostgres(pool.getJdbcUrl())) {
                    pool.addDataSourceProperty(REWRITE_BATCHED_INSERTS, "true");
                }
                return bean;
            }
        };
    }

    static boolean isPostgres(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:");
    }
}
