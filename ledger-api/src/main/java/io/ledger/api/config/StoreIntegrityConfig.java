package io.ledger.api.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Checks the store before anything else reads it: Flyway's migration runs first in a Spring Boot start-up (the
 * event store, the views and the JDBC templates all wait for it), so the check runs right after it, before the
 * first aggregate is loaded or the first view reads an event.
 */
@Configuration(proxyBeanMethods = false)
public class StoreIntegrityConfig {

    private static final Logger log = LoggerFactory.getLogger(StoreIntegrityConfig.class);

    @Bean
    FlywayMigrationStrategy migrateThenCheckIndexes(StoreProperties store) {
        return flyway -> {
            flyway.migrate();
            if (store.h2IndexCheck()) {
                checkH2Indexes(flyway.getConfiguration().getDataSource());
            }
        };
    }

    private static void checkH2Indexes(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.getMetaData().getURL().startsWith("jdbc:h2:")) {
                return;
            }
            H2IndexCheck.Result result = H2IndexCheck.checkAndRepair(connection);
            if (result.rowsRemoved().isEmpty()) {
                log.info("H2 index check: {} indexes agree with their tables ({} entries counted in {} ms)",
                        result.indexesChecked(), result.entriesCounted(), result.millis());
            } else {
                log.error("H2 index check: removed {} rows that a crash's rollback had left behind, in {} ms",
                        result.rowsRemoved().size(), result.millis());
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("The H2 index check could not run", failed);
        }
    }
}
