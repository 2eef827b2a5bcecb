package io.ledger.api;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ReconciliationHttpTest} on a real PostgreSQL database instead of H2. */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ReconciliationHttpOnPostgresTest extends ReconciliationHttpTest {

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresSupport.useFreshDatabase(registry);
    }
}
