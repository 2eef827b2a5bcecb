package io.ledger.api.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyBootstrapTest {

    private static final Pattern PRINTED_KEY = Pattern.compile("export LEDGER_KEY=(\\S+)");

    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private PrintStream console() {
        return new PrintStream(console, true, StandardCharsets.UTF_8);
    }

    @Test
    void aFirstStartCreatesAnOwnerOnlyFileWithOneAdminKeyAndPrintsTheKeyOnce() throws IOException {
        Path file = dataDir.resolve("nested/api-keys.json");

        assertThat(ApiKeyBootstrap.createAdminKeyIfAbsent(file, console())).isTrue();

        Matcher printed = PRINTED_KEY.matcher(console.toString(StandardCharsets.UTF_8));
        assertThat(printed.find()).isTrue();
        String key = printed.group(1);
        assertThat(key).startsWith("ldg_").hasSizeGreaterThanOrEqualTo(40);
        assertThat(Files.readString(file)).doesNotContain(key).contains(ApiKeyBootstrap.sha256Hex(key));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        ApiKeyStore store = new ApiKeyStore(file, List.of(), Duration.ZERO);
        assertThat(store.authenticate(key)).hasValueSatisfying(admin -> assertThat(admin.roles())
                .containsExactlyInAnyOrder("ledger-writer", "ledger-reader", "account-admin", "compliance",
                        "auditor", "operator"));
    }

    @Test
    void aLaterStartLeavesTheFileAloneAndPrintsNoKey() throws IOException {
        Path file = dataDir.resolve("api-keys.json");
        ApiKeyBootstrap.createAdminKeyIfAbsent(file, console());
        String before = Files.readString(file);
        console.reset();

        assertThat(ApiKeyBootstrap.createAdminKeyIfAbsent(file, console())).isFalse();

        assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    void everyGeneratedKeyIsDifferent() {
        assertThat(List.of(ApiKeyBootstrap.newKey(), ApiKeyBootstrap.newKey(), ApiKeyBootstrap.newKey()))
                .doesNotHaveDuplicates();
    }
}
