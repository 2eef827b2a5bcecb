package io.ledger.api;

import io.ledger.query.rebuild.ViewSetIndexes;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a rebuild does to a view set's indexes, on PostgreSQL: the drop removes exactly the set's four secondary
 * indexes (not its keys, not the other set's), and building them again gives back the migrations' definitions.
 */
class ViewSetIndexesOnPostgresTest {

    private JdbcTemplate jdbc;
    private ViewSetIndexes indexes;

    @BeforeEach
    void migratedDatabase() {
        String url = EmbeddedPostgresSupport.freshDatabaseUrl();
        Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration/postgresql").load()
                .migrate();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "postgres", ""));
        indexes = new ViewSetIndexes(jdbc);
    }

    @Test
    void dropRemovesTheSetsSecondaryIndexesOnlyAndEnsureBuildsTheMigrationsOnesAgain() {
        List<String> migrated = viewIndexDefinitions();

        indexes.drop("b");

        List<String> afterDrop = viewIndexDefinitions();
        assertThat(migrated).filteredOn(definition -> !afterDrop.contains(definition))
                .as("the indexes the drop removed")
                .containsExactlyInAnyOrder(
                        "ix_statement_entry_b_time: CREATE INDEX ix_statement_entry_b_time ON public.statement_entry_b "
                                + "USING btree (account_id, recorded_at, entry_seq)",
                        "ix_statement_entry_b_recorded: CREATE INDEX ix_statement_entry_b_recorded ON "
                                + "public.statement_entry_b USING btree (recorded_at)",
                        "ix_statement_entry_b_effective: CREATE INDEX ix_statement_entry_b_effective ON "
                                + "public.statement_entry_b USING btree (account_id, effective_at)",
                        "ix_transfer_record_b_due_holds: CREATE INDEX ix_transfer_record_b_due_holds ON "
                                + "public.transfer_record_b USING btree (status, expires_at)");

        indexes.ensure("b");
        indexes.ensure("a");
        indexes.analyze("b");

        assertThat(viewIndexDefinitions()).containsExactlyInAnyOrderElementsOf(migrated);
    }

    /** Every index of the view tables of both sets, as PostgreSQL would recreate it. */
    private List<String> viewIndexDefinitions() {
        return jdbc.queryForList("SELECT indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = 'public' "
                + "AND (tablename LIKE 'statement_entry%' OR tablename LIKE 'transfer_record%' "
                + "OR tablename LIKE 'account_balance%' OR tablename LIKE 'statement_transfer_metadata%')",
                String.class);
    }
}
