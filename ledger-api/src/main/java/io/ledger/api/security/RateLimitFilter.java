package io.ledger.api.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.ledger.api.web.ProblemResponses;
import io.ledger.core.error.LedgerErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A token bucket per authenticated principal (Bucket4j, in memory, per node): a client that sends more than its
 * budget gets 429 with {@code Retry-After} and its request is not handled at all. Refused requests change
 * nothing, so a client can always repeat them later with the same id.
 */
public class RateLimitFilter extends OncePerRequestFilter {

    /** Principals tracked at most; beyond that the buckets start afresh (they refill within seconds anyway). */
    private static final int MAX_BUCKETS = 100_000;

    private final SecurityProperties.RateLimit limit;
    private final SecurityEvents events;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimitFilter(SecurityProperties.RateLimit limit, SecurityEvents events) {
        this.limit = limit;
        this.events = events;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        if (!limit.enabled() || who == null || !who.isAuthenticated()
                || who instanceof AnonymousAuthenticationToken) {
            chain.doFilter(request, response);
            return;
        }
        ConsumptionProbe probe = bucketOf(who).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        // Whole seconds, rounded up: a client that waits as told finds a token.
        long retryAfterSeconds = Math.max(1,
                TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() - 1) + 1);
        events.rateLimited(who.getName(), retryAfterSeconds);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        ProblemResponses.write(request, response, LedgerErrorCode.RATE_LIMITED,
                "Too many requests for these credentials; nothing was done. Retry after " + retryAfterSeconds
                        + " s.");
    }

    /** Keys and token subjects live in separate namespaces, so a key id never shares a bucket with a subject. */
    private Bucket bucketOf(Authentication who) {
        if (buckets.size() > MAX_BUCKETS) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(who.getClass().getSimpleName() + ":" + who.getName(),
                principal -> Bucket.builder()
                        .addLimit(Bandwidth.builder().capacity(limit.burst())
                                .refillGreedy(limit.requestsPerSecond(), Duration.ofSeconds(1)).build())
                        .build());
    }
}
