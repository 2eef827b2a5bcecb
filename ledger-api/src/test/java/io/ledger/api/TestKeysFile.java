package io.ledger.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.HashMap;
import java.util.Map;

/**
 * Points every ledger a test starts (Spring Boot tests, contexts built by hand, child processes) at the test
 * keys file of {@link TestCredentials}, unless the test names a keys file itself. It also lifts the rate limit
 * far out of the way of load and concurrency tests, whose subject is correctness under load, not the limiter
 * (RateLimitHttpTest sets its own low limit). Registered in the test class path's META-INF/spring.factories,
 * with the lowest precedence, so any property a test sets wins.
 */
public class TestKeysFile implements EnvironmentPostProcessor {

    private static final String KEYS_FILE = "ledger.security.api-keys-file";
    private static final String RATE = "ledger.security.rate-limit.requests-per-second";
    private static final String BURST = "ledger.security.rate-limit.burst";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new HashMap<>();
        if (!environment.containsProperty(KEYS_FILE)
                && !environment.containsProperty("ledger.security.api-keys[0].id")) {
            defaults.put(KEYS_FILE, TestCredentials.keysFile().toString());
        }
        defaults.put(RATE, "1000000");
        defaults.put(BURST, "1000000");
        environment.getPropertySources().addLast(new MapPropertySource("ledgerTestKeys", defaults));
    }
}
