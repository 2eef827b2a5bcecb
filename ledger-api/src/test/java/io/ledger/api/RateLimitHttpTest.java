package io.ledger.api;

import io.ledger.api.HttpClientSupport.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-principal rate limits: a client over its budget gets 429 with Retry-After, and nobody else is affected. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:ledger-rate-limit;DB_CLOSE_DELAY=-1",
        "ledger.security.rate-limit.burst=3",
        "ledger.security.rate-limit.requests-per-second=1"})
class RateLimitHttpTest {

    @LocalServerPort
    int port;

    @Test
    void aClientOverItsBudgetIsAnswered429WithRetryAfterAndNothingIsDone() {
        HttpClientSupport admin = new HttpClientSupport("http://localhost:" + port)
                .withKey(TestCredentials.keyWithOnly("account-admin"));
        for (int i = 0; i < 3; i++) {
            assertThat(admin.get("/api/v1/accounts/nobody").status()).isEqualTo(403);
        }

        Answer limited = admin.post("/api/v1/accounts", "{\"id\":\"rl-1\",\"currency\":\"EUR\",\"name\":\"R\"}");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(limited.code()).isEqualTo("RATE_LIMITED");
        assertThat(limited.raw().headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Long.parseLong(seconds)).isBetween(1L, 2L));
        HttpClientSupport reader = admin.withKey(TestCredentials.keyWithOnly("ledger-reader"));
        assertThat(reader.get("/api/v1/accounts/rl-1").code()).isEqualTo("ACCOUNT_NOT_FOUND");
    }

    @Test
    void healthProbesAreNotCountedAgainstAnyone() {
        HttpClientSupport anonymous = new HttpClientSupport("http://localhost:" + port).anonymous();
        for (int i = 0; i < 10; i++) {
            assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
        }
    }
}
