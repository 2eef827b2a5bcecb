package io.ledger.api.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyStoreTest {

    @TempDir
    Path dir;

    private final String aliceKey = ApiKeyBootstrap.newKey();
    private final String bobKey = ApiKeyBootstrap.newKey();

    private Path keysFile(String content) throws IOException {
        Path file = dir.resolve("api-keys.json");
        Files.writeString(file, content);
        return file;
    }

    private String entry(String id, String key, String roles, boolean revoked) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"roles\":[" + roles + "],\"sha256\":\""
                + ApiKeyBootstrap.sha256Hex(key) + "\"" + (revoked ? ",\"revoked\":true" : "") + "}";
    }

    private ApiKeyStore store(Path file) {
        return new ApiKeyStore(file, List.of(), Duration.ZERO);
    }

    @Test
    void acceptsAKeyWhoseHashIsListedAndGrantsItsRoles() throws IOException {
        ApiKeyStore store = store(keysFile("["
                + entry("alice", aliceKey, "\"ledger-reader\",\"auditor\"", false) + "]"));

        assertThat(store.authenticate(aliceKey)).hasValueSatisfying(key -> {
            assertThat(key.id()).isEqualTo("alice");
            assertThat(key.roles()).containsExactly("ledger-reader", "auditor");
        });
    }

    @Test
    void refusesUnknownKeysAndNearMisses() throws IOException {
        ApiKeyStore store = store(keysFile("[" + entry("alice", aliceKey, "\"auditor\"", false) + "]"));

        assertThat(store.authenticate(bobKey)).isEmpty();
        assertThat(store.authenticate(aliceKey + "x")).isEmpty();
        assertThat(store.authenticate(aliceKey.substring(1))).isEmpty();
        assertThat(store.authenticate("")).isEmpty();
    }

    @Test
    void refusesARevokedKey() throws IOException {
        ApiKeyStore store = store(keysFile("[" + entry("alice", aliceKey, "\"auditor\"", true) + "]"));

        assertThat(store.authenticate(aliceKey)).isEmpty();
    }

    @Test
    void revokingAndAddingKeysInTheFileTakesEffectWithoutARestart() throws IOException {
        Path file = keysFile("[" + entry("alice", aliceKey, "\"auditor\"", false) + "]");
        ApiKeyStore store = store(file);
        assertThat(store.authenticate(aliceKey)).isPresent();

        Files.writeString(file, "[" + entry("alice", aliceKey, "\"auditor\"", true) + ","
                + entry("bob", bobKey, "\"ledger-writer\"", false) + "]");

        assertThat(store.authenticate(aliceKey)).isEmpty();
        assertThat(store.authenticate(bobKey)).hasValueSatisfying(key -> assertThat(key.id()).isEqualTo("bob"));
    }

    @Test
    void aMalformedEditKeepsTheKeysReadBefore() throws IOException {
        Path file = keysFile("[" + entry("alice", aliceKey, "\"auditor\"", false) + "]");
        ApiKeyStore store = store(file);

        Files.writeString(file, "[" + entry("alice", aliceKey, "\"auditor\"", true));

        assertThat(store.authenticate(aliceKey)).isPresent();
    }

    @Test
    void aMisspelledPropertyMakesTheFileMalformedRatherThanSilentlyIgnored() throws IOException {
        ApiKeyStore store = store(keysFile("[" + entry("alice", aliceKey, "\"auditor\"", false)
                .replace("}", ",\"revokd\":true}") + "]"));

        assertThat(store.authenticate(aliceKey)).isEmpty();
        assertThat(store.isEmpty()).isTrue();
    }

    @Test
    void deletingTheFileRemovesItsKeys() throws IOException {
        Path file = keysFile("[" + entry("alice", aliceKey, "\"auditor\"", false) + "]");
        ApiKeyStore store = store(file);

        Files.delete(file);

        assertThat(store.authenticate(aliceKey)).isEmpty();
    }

    @Test
    void entriesWithAnUnknownRoleOrABadHashAreIgnoredWhileTheOthersWork() throws IOException {
        ApiKeyStore store = store(keysFile("[" + entry("alice", aliceKey, "\"superuser\"", false) + ","
                + entry("bob", bobKey, "\"auditor\"", false).replaceAll("[0-9a-f]{64}", "ABC") + ","
                + entry("carol", "carol-key", "\"auditor\"", false) + "]"));

        assertThat(store.authenticate(aliceKey)).isEmpty();
        assertThat(store.authenticate(bobKey)).isEmpty();
        assertThat(store.authenticate("carol-key")).isPresent();
    }

    @Test
    void keysGivenInConfigurationWorkWithoutAnyFile() {
        ApiKey configured = new ApiKey("ci", "CI pipeline", List.of("ledger-reader"),
                ApiKeyBootstrap.sha256Hex(aliceKey), false);
        ApiKeyStore store = new ApiKeyStore(dir.resolve("absent.json"), List.of(configured), Duration.ZERO);

        assertThat(store.authenticate(aliceKey)).hasValue(configured);
        assertThat(store.authenticate(bobKey)).isEmpty();
    }
}
