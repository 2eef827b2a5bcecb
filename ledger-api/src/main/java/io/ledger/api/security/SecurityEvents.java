package io.ledger.api.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Security-relevant happenings, logged under {@code io.ledger.security} as {@code event=... key=value} lines:
 * failed authentications (and bursts of them from one address), refused authorizations, key use and rate-limit
 * refusals. Never a key, a token, a header value or a request body: only ids, addresses, paths and reasons, each
 * stripped of anything that could forge a log line.
 */
public class SecurityEvents {

    private static final Logger LOG = LoggerFactory.getLogger("io.ledger.security");
    private static final int MAX_TRACKED = 10_000;

    private final int burstThreshold;
    private final long windowNanos;
    private final Map<String, Window> failuresByAddress = new ConcurrentHashMap<>();
    private final Map<String, Long> lastRateLimitLogNanos = new ConcurrentHashMap<>();
    private final Map<String, Boolean> keysSeen = new ConcurrentHashMap<>();

    public SecurityEvents(int burstThreshold, Duration window) {
        this.burstThreshold = burstThreshold;
        this.windowNanos = window.toNanos();
    }

    public void authenticationFailed(String remoteAddress, String method, String path, String reason) {
        LOG.info("event=authentication_failed remote={} method={} path={} reason={}", safe(remoteAddress),
                safe(method), safe(path), safe(reason));
        int failures = countFailure(remoteAddress);
        if (failures == burstThreshold) {
            LOG.warn("event=authentication_failure_burst remote={} failures={} window={}s", safe(remoteAddress),
                    failures, Duration.ofNanos(windowNanos).toSeconds());
        }
    }

    public void accessDenied(String principal, String method, String path) {
        LOG.warn("event=access_denied principal={} method={} path={}", safe(principal), safe(method), safe(path));
    }

    /** The first use of each key after a start is logged at info, later ones at debug. */
    public void keyUsed(String keyId) {
        if (keysSeen.putIfAbsent(keyId, Boolean.TRUE) == null) {
            LOG.info("event=api_key_used key_id={} first_use_since_start=true", safe(keyId));
        } else {
            LOG.debug("event=api_key_used key_id={}", safe(keyId));
        }
    }

    /** Logged at most once a second per principal, so a flood does not become a flood of log lines. */
    public void rateLimited(String principal, long retryAfterSeconds) {
        long now = System.nanoTime();
        Long last = lastRateLimitLogNanos.get(principal);
        if (last == null || now - last > Duration.ofSeconds(1).toNanos()) {
            trim(lastRateLimitLogNanos);
            lastRateLimitLogNanos.put(principal, now);
            LOG.warn("event=rate_limited principal={} retry_after={}s", safe(principal), retryAfterSeconds);
        }
    }

    private int countFailure(String remoteAddress) {
        trim(failuresByAddress);
        long now = System.nanoTime();
        Window window = failuresByAddress.compute(remoteAddress == null ? "?" : remoteAddress,
                (address, existing) -> existing == null || now - existing.startNanos > windowNanos
                        ? new Window(now) : existing);
        return window.count.incrementAndGet();
    }

    /** Bounds memory under an attack from many addresses: forgetting old counters only loses log lines. */
    private static void trim(Map<String, ?> map) {
        if (map.size() > MAX_TRACKED) {
            map.clear();
        }
    }

    /** A value fit for a key=value log line: no spaces, quotes or control characters, at most 128 characters. */
    static String safe(String value) {
        if (value == null) {
            return "-";
        }
        String cleaned = value.replaceAll("[^A-Za-z0-9._:/@*+-]", "_");
        return cleaned.length() > 128 ? cleaned.substring(0, 128) + "..." : cleaned;
    }

    private record Window(long startNanos, AtomicInteger count) {
        Window(long startNanos) {
            this(startNanos, new AtomicInteger());
        }
    }
}
