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
        String url = "jdbc:h2:mem:read-model-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure()
                .dataSource(url, "sa", "")
                .locations("classpath:db/migration/h2")
                .load()
                .migrate();
        return new DriverManagerDataSource(url, "sa", "");
    }

    static JdbcTemplate freshDatabase() {
        return new JdbcTemplate(freshDataSource());
    }

    static JdbcBalanceStore freshStore() {
        return new JdbcBalanceStore(freshDatabase());
    }
}
