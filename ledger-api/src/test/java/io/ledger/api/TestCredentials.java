package io.ledger.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.api.security.ApiKeyBootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API keys for tests, generated afresh in every test JVM and written (as hashes) to a temporary keys file: one
 * key with all six roles that {@link HttpClientSupport} sends by default, one key per single role, and one
 * revoked key. {@link TestKeysFile} points every ledger started by the tests at this file.
 */
public final class TestCredentials {

    public static final String ALL_ROLES_KEY_ID = "test-all-roles";
    public static final List<String> ROLES = List.of("ledger-writer", "ledger-reader", "account-admin",
            "compliance", "auditor", "operator");

    private static final String ALL_ROLES_KEY = ApiKeyBootstrap.newKey();
    private static final String REVOKED_KEY = ApiKeyBootstrap.newKey();
    private static final Map<String, String> KEY_BY_ROLE = new LinkedHashMap<>();
    private static final Path FILE = writeKeysFile();

    private TestCredentials() {
    }

    public static String allRolesKey() {
        return ALL_ROLES_KEY;
    }

    /** A key holding only {@code role}; its id is {@code test-<role>}. */
    public static String keyWithOnly(String role) {
        return KEY_BY_ROLE.get(role);
    }

    public static String revokedKey() {
        return REVOKED_KEY;
    }

    public static Path keysFile() {
        return FILE;
    }

    private static Path writeKeysFile() {
        List<Map<String, Object>> keys = new ArrayList<>();
        keys.add(entry(ALL_ROLES_KEY_ID, ROLES, ALL_ROLES_KEY, false));
        for (String role : ROLES) {
            String key = ApiKeyBootstrap.newKey();
            KEY_BY_ROLE.put(role, key);
            keys.add(entry("test-" + role, List.of(role), key, false));
        }
        keys.add(entry("test-revoked", ROLES, REVOKED_KEY, true));
        try {
            Path file = Files.createTempFile("ledger-test-api-keys", ".json");
            file.toFile().deleteOnExit();
            Files.write(file, new ObjectMapper().writeValueAsBytes(keys));
            return file;
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    private static Map<String, Object> entry(String id, List<String> roles, String key, boolean revoked) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", id);
        entry.put("name", "Test key " + id);
        entry.put("roles", roles);
        entry.put("sha256", ApiKeyBootstrap.sha256Hex(key));
        entry.put("revoked", revoked);
        return entry;
    }
}
