package io.ledger.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * First start without any key: generates one admin key with all six roles, writes only its hash to the keys
 * file (created with permissions 0600), and prints the key once, with what to do with it. There is never a
 * built-in default key; a later start finds the file and prints nothing secret.
 */
public final class ApiKeyBootstrap {

    static final String KEY_PREFIX = "ldg_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ApiKeyBootstrap() {
    }

    /** A new random key: 256 bits, URL-safe, recognisable by its prefix (e.g. for secret scanners). */
    public static String newKey() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    public static String sha256Hex(String key) {
        return HexFormat.of().formatHex(ApiKeyStore.sha256(key.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Creates {@code file} with one generated admin key if it does not exist, and prints the key to
     * {@code console}. Returns whether it did. Creating the file is atomic: of two processes racing, one wins and
     * the other leaves the winner's file alone.
     */
    public static boolean createAdminKeyIfAbsent(Path file, PrintStream console) {
        if (Files.exists(file)) {
            return false;
        }
        String key = newKey();
        ApiKey admin = new ApiKey("admin-" + HexFormat.of().formatHex(randomBytes(4)), "Generated on first start",
                Arrays.stream(LedgerRole.values()).map(LedgerRole::authority).toList(), sha256Hex(key), false);
        try {
            writeOwnerOnly(file, JSON.writeValueAsBytes(List.of(admin)));
        } catch (FileAlreadyExistsException lostRace) {
            return false;
        } catch (IOException failure) {
            throw new UncheckedIOException("Could not create the API keys file " + file, failure);
        }
        announce(console, file, admin, key);
        return true;
    }

    private static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        Files.write(file, content);
    }

    private static void announce(PrintStream console, Path file, ApiKey admin, String key) {
        console.println();
        console.println("==================================================================================");
        console.println(" No API keys were configured, so the ledger generated one admin key (all roles).");
        console.println(" It is shown this once and stored only as a hash in " + file.toAbsolutePath() + ".");
        console.println();
        console.println("   export LEDGER_KEY=" + key);
        console.println();
        console.println(" Send it as:  curl -H \"Authorization: Bearer $LEDGER_KEY\" ...");
        console.println(" Key id: " + admin.id() + ". Create keys with narrower roles and revoke this one");
        console.println(" (\"revoked\": true in the file) before going to production: see docs/security.md.");
        console.println("==================================================================================");
        console.println();
        console.flush();
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
