package io.ledger.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Security settings, under {@code ledger.security.*}.
 *
 * @param apiKeysFile       the API keys file; unset means {@code ${ledger.data-dir}/api-keys.json}. Re-read when it
 *                          changes, so a key is revoked by editing the file, without a restart
 * @param apiKeys           keys given directly in configuration (e.g. {@code LEDGER_SECURITY_API_KEYS_0_SHA256}
 *                          and siblings in the environment), in addition to the file; fixed until restart
 * @param bootstrapAdminKey whether a first start without any key generates one admin key (and prints it once)
 * @param apiKeysRecheck    how often the keys file is checked for changes
 * @param jwt               settings for OAuth2/OIDC tokens (enabled by Spring's resource-server properties)
 * @param rateLimit         the per-principal request budget
 * @param corsAllowedOrigins browser origins allowed to call the API; empty (the default) allows none
 * @param authFailureBurst  how many failed authentications from one address within {@code authFailureWindow}
 *                          are logged as a burst
 * @param authFailureWindow the window for {@code authFailureBurst}
 */
@ConfigurationProperties(prefix = "ledger.security")
public record SecurityProperties(
        Path apiKeysFile,
        List<ApiKey> apiKeys,
        @DefaultValue("true") boolean bootstrapAdminKey,
        @DefaultValue("1s") Duration apiKeysRecheck,
        @DefaultValue Jwt jwt,
        @DefaultValue RateLimit rateLimit,
        List<String> corsAllowedOrigins,
        @DefaultValue("10") int authFailureBurst,
        @DefaultValue("1m") Duration authFailureWindow) {

    public SecurityProperties {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        corsAllowedOrigins = corsAllowedOrigins == null ? List.of() : List.copyOf(corsAllowedOrigins);
    }

    /**
     * @param rolesClaim the token claim that lists the ledger roles (a list of strings, or one string of
     *                   space-separated roles)
     */
    public record Jwt(@DefaultValue("roles") String rolesClaim) {
    }

    /**
     * A token bucket per principal: up to {@code burst} requests at once, refilled at {@code requestsPerSecond}.
     *
     * @param enabled           whether requests are limited at all
     * @param burst             the bucket's capacity
     * @param requestsPerSecond the sustained rate
     */
    public record RateLimit(@DefaultValue("true") boolean enabled,
                            @DefaultValue("1000") long burst,
                            @DefaultValue("500") long requestsPerSecond) {
    }
}
