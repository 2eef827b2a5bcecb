package io.ledger.api;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ViewRebuildTest} on a real PostgreSQL database instead of H2. */
// Each class has a database of its own, so its context is never reused; closing it while PostgreSQL still runs
// lets its processors stop cleanly instead of retrying against a server that is already gone at JVM exit.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ViewRebuildOnPostgresTest extends ViewRebuildTest {

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresSupport.useFreshDatabase(registry);
    }
}
