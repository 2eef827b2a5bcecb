package io.ledger.query.compliance;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Every compliance store, each fresh: in memory, and JDBC on a new Flyway-migrated in-memory H2 database, written
 * at once and as a processor writes it, in batches (here as long as a test lets them be).
 */
final class ComplianceStores {

    private ComplianceStores() {
    }

    static Stream<Supplier<ComplianceStore>> both() {
        return Stream.of(named("in-memory", InMemoryComplianceStore::new), named("jdbc-h2", ComplianceStores::freshJdbc),
                named("jdbc-h2, in processor batches", () -> new OneBatchUntilQueried(freshJdbc())));
    }

    static JdbcComplianceStore freshJdbc() {
        String url = "jdbc:h2:mem:compliance-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration/h2").load().migrate();
        return new JdbcComplianceStore(new JdbcTemplate(new DriverManagerDataSource(url, "sa", "")));
    }

    private static Supplier<ComplianceStore> named(String name, Supplier<ComplianceStore> factory) {
        return new Supplier<>() {
            @Override
            public ComplianceStore get() {
                return factory.get();
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
