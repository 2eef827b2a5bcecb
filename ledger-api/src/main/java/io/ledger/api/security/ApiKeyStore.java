package io.ledger.api.security;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The API keys the ledger accepts: those in the keys file plus those given in configuration.
 *
 * <p>The file is re-read when its content changes (checked at most once per {@code recheck}), so adding or
 * revoking a key takes effect within about a second, without a restart. A file that cannot be parsed is not
 * applied: the keys read before stay in force and every check logs an error, so a half-written edit locks
 * nobody out. A deleted file means no file keys at all. Write the file with a rename to change it atomically.
 */
public class ApiKeyStore {

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyStore.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final TypeReference<List<ApiKey>> KEY_LIST = new TypeReference<>() {
    };

    private final Path file;
    private final List<ApiKey> configured;
    private final long recheckNanos;

    private volatile List<ApiKey> keys = List.of();
    private volatile byte[] fileDigest = new byte[0];
    private volatile long nextCheckNanos;

    public ApiKeyStore(Path file, List<ApiKey> configured, Duration recheck) {
        this.file = file;
        this.configured = usable(configured, "configuration");
        this.recheckNanos = recheck.toNanos();
        reloadIfChanged();
    }

    /**
     * The key whose hash matches {@code presented}, unless it is revoked. The presented string is hashed first
     * and the digests are compared in constant time against every key, so neither the answer's timing nor an
     * early exit tells anything about how close a guess came.
     */
    public Optional<ApiKey> authenticate(String presented) {
        byte[] digest = sha256(presented.getBytes(StandardCharsets.UTF_8));
        ApiKey match = null;
        for (ApiKey key : current()) {
            if (MessageDigest.isEqual(digest, key.hashBytes()) && match == null) {
                match = key;
            }
        }
        return Optional.ofNullable(match).filter(key -> !key.revoked());
    }

    /** Whether any key (revoked or not) is known: a ledger without any is reachable by tokens only. */
    public boolean isEmpty() {
        return current().isEmpty();
    }

    public Path file() {
        return file;
    }

    private List<ApiKey> current() {
        if (System.nanoTime() - nextCheckNanos >= 0) {
            reloadIfChanged();
        }
        return keys;
    }

    private synchronized void reloadIfChanged() {
        nextCheckNanos = System.nanoTime() + recheckNanos;
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException absent) {
            content = new byte[0];
        } catch (IOException unreadable) {
            LOG.error("event=api_keys_unreadable file={} keeping the keys read before", file);
            return;
        }
        byte[] digest = sha256(content);
        if (Arrays.equals(digest, fileDigest)) {
            return;
        }
        try {
            List<ApiKey> fromFile = content.length == 0 ? List.of() : JSON.readValue(content, KEY_LIST);
            List<ApiKey> all = new ArrayList<>(configured);
            all.addAll(usable(fromFile, file.toString()));
            keys = List.copyOf(all);
            fileDigest = digest;
            LOG.info("event=api_keys_loaded file={} keys={} revoked={}", file, all.size(),
                    all.stream().filter(ApiKey::revoked).count());
        } catch (IOException malformed) {
            // The parser's message may quote file content; only the location is logged.
            LOG.error("event=api_keys_malformed file={} line={} keeping the keys read before", file,
                    malformed instanceof com.fasterxml.jackson.core.JsonProcessingException json
                            && json.getLocation() != null ? json.getLocation().getLineNr() : -1);
        }
    }

    private static List<ApiKey> usable(List<ApiKey> candidates, String source) {
        List<ApiKey> usable = new ArrayList<>();
        for (ApiKey key : candidates == null ? List.<ApiKey>of() : candidates) {
            String problem = key == null ? "empty entry" : key.problem();
            if (problem == null) {
                usable.add(key);
            } else {
                LOG.error("event=api_key_ignored source={} id={} reason=\"{}\"", source,
                        key == null ? null : SecurityEvents.safe(key.id()), problem);
            }
        }
        return usable;
    }

    static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every Java runtime has SHA-256", impossible);
        }
    }
}
