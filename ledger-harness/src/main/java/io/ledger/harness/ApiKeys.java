package io.ledger.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A harness's own API key: generated at random for each run and given to the service through its keys file
 * ({@code --ledger.security.api-keys-file}), which holds only the key's SHA-256, never the key.
 */
public final class ApiKeys {

    public static final List<String> ALL_ROLES = List.of(
            "ledger-writer", "ledger-reader", "account-admin", "compliance", "auditor", "operator");

    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiKeys() {
    }

    /** A new random key of 256 bits. */
    public static String generate() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return "lk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** Writes a keys file that grants {@code key} (under {@code id}) all roles. */
    public static void writeKeysFile(Path file, String id, String key) throws IOException {
        ObjectNode entry = JSON.createObjectNode().put("id", id).put("name", "harness key " + id)
                .put("sha256", sha256Hex(key));
        ArrayNode roles = entry.putArray("roles");
        ALL_ROLES.forEach(roles::add);
        ArrayNode keys = JSON.createArrayNode().add(entry);
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(keys));
    }

    static String sha256Hex(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every Java runtime has SHA-256", impossible);
        }
    }
}
