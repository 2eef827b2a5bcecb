package io.ledger.api;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ChainedEventLogTest} on a real PostgreSQL database instead of H2. */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ChainedEventLogOnPostgresTest extends ChainedEventLogTest {

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresSupport.useFreshDatabase(registry);
    }
}
