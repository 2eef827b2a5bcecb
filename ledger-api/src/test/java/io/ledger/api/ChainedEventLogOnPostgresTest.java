package io.ledger.api;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ChainedEventLogTest} on a real PostgreSQL database instead of H2. */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ChainedEventLogOnPostgresTest extends ChainedEventLogTest {

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresSupport.useFreshDatabase(registry);
    }

    /** A transfer's three events go to the server as one multi-row INSERT, not three statements. */
    @Test
    void theDriverRewritesBatchedInsertsIntoOneStatement() throws Exception {
        assertThat(dataSource.unwrap(HikariDataSource.class).getDataSourceProperties())
                .containsEntry("reWriteBatchedInserts", "true");
    }
}
