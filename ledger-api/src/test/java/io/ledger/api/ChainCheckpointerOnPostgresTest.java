package io.ledger.api;

import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;

/** {@link ChainCheckpointerTest} on a real PostgreSQL database instead of H2. */
class ChainCheckpointerOnPostgresTest extends ChainCheckpointerTest {

    @Override
    DataSource freshDataSource() {
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL(EmbeddedPostgresSupport.freshDatabaseUrl());
        postgres.setUser("postgres");
        return postgres;
    }

    @Override
    String vendor() {
        return "postgresql";
    }
}
