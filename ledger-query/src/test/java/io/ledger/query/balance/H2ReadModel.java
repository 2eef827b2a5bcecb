package io.ledger.query.balance;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.util.UUID;

/**
 * A fresh in-memory H2 database, migrated with the service's own Flyway scripts. Each call makes a new database,
 * so no test sees another test's rows.
 */
final class H2ReadModel {

    private H2ReadModel() {
    }

    static DataSource freshDataSource() {
        String url = freshUrl();
        migrate(url, "latest");
        return new DriverManagerDataSource(url, "sa", "");
    }

    static JdbcTemplate freshDatabase() {
        return new JdbcTemplate(freshDataSource());
    }

    static JdbcBalanceStore freshStore() {
        return new JdbcBalanceStore(freshDatabase());
    }

    /** The address of a new, empty in-memory database that lives until the JVM ends. */
    static String freshUrl() {
        return "jdbc:h2:mem:read-model-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    /** Migrates the database at {@code url} up to {@code targetVersion} ("latest" for all scripts). */
    static Flyway migrate(String url, String targetVersion) {
        Flyway flyway = Flyway.configure()
                .dataSource(url, "sa", "")
                .locations("classpath:db/migration/h2")
                .target(targetVersion)
                .load();
        flyway.migrate();
        return flyway;
    }
}
