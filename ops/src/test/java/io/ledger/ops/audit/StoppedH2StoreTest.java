package io.ledger.ops.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stopped service's H2 store (no process holds the file) is read without a single byte of its file changing:
 * opened read-write, H2's background writer would compact it.
 */
class StoppedH2StoreTest {

    @TempDir
    Path dir;

    @Test
    void everySubcommandLeavesTheFileOfAStoppedStoreByteForByteUnchanged() throws Exception {
        String url = TestStores.h2(dir);
        TestStores.fill(url, "sa", "", 5, 4, 2_000);
        Path file = dir.resolve("ledger.mv.db");
        String before = sha256(file);
        long modifiedBefore = Files.getLastModifiedTime(file).toMillis();

        AuditRun replay = AuditRun.of(url + ";AUTO_SERVER=TRUE", "audit", "replay", "--quiet", "--format", "json",
                "--until", "2030-01-01T00:00:00Z");
        AuditRun diff = AuditRun.of(url + ";AUTO_SERVER=TRUE", "audit", "diff", "--quiet", "--from",
                TestStores.START.toString(), "--to", "2030-01-01T00:00:00Z");

        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("eur-customer-3");
        assertThat(diff.exitCode()).as(diff.err()).isZero();
        assertThat(sha256(file)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(modifiedBefore);
        assertThat(dir.resolve("ledger.lock.db")).doesNotExist();
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
