package io.ledger.query.statement;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.UUID;

/**
 * A fresh in-memory H2 database, migrated with the service's own Flyway scripts; a copy of the balance tests'
 * package-private {@code H2ReadModel}. Each call makes a new database, so no test sees another test's rows.
 */
final class StatementReadModel {

    private StatementReadModel() {
    }

    static JdbcTemplate freshDatabase() {
        String url = "jdbc:h2:mem:statements-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure()
                .dataSource(url, "sa", "")
                .locations("classpath:db/migration/h2")
                .load()
                .migrate();
        return new JdbcTemplate(new DriverManagerDataSource(url, "sa", ""));
    }

    static JdbcStatementStore freshStore() {
        return new JdbcStatementStore(freshDatabase());
    }
}
