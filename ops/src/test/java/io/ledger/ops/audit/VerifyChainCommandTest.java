package io.ledger.ops.audit;

import io.ledger.core.chain.CheckpointSignature;
import io.ledger.core.chain.EventHash;
import io.ledger.ops.LedgerOps;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code audit verify-chain} on a real store whose rows are then altered with SQL, as someone with write access
 * to the database would: each alteration must be reported with its position, and a healthy store must pass.
 */
class VerifyChainCommandTest {

    private static final byte[] KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 0x5a);
    }

    @TempDir
    Path temp;

    private ChainedStore store;
    /** Global indexes of the sample ledger, by event. */
    private long aliceOpened;
    private long bobOpened;
    private long aliceCredited;
    private long bobDebited;
    private long holdPlaced;
    private long aliceCreditedAgain;

    private record Run(int exitCode, String out, String err) {

        List<String> findings() {
            List<String> lines = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (line.matches("^(MODIFIED|DELETED|INSERTED|BROKEN_CHECKPOINT|BAD_SIGNATURE) .*")) {
                    lines.add(line);
                }
            }
            return lines;
        }
    }

    @BeforeEach
    void sampleLedger() throws SQLException {
        store = newStore();
        aliceOpened = store.append("account:alice", "{\"currency\":\"EUR\"}");     // 1
        bobOpened = store.append("account:bob", "{\"currency\":\"EUR\"}");         // 2
        store.append("transfer:t1", "{\"amount\":\"30.25\"}");                     // 3
        aliceCredited = store.append("account:alice", "{\"amount\":\"30.25\"}");   // 4, alice #1
        bobDebited = store.append("account:bob", "{\"amount\":\"30.25\"}");        // 5, bob #1
        store.checkpoint(Optional.of(new CheckpointSignature(KEY)));               // 1: 1..5
        holdPlaced = store.append("transfer:h1", "{\"amount\":\"5.00\"}");         // 6, its only event
        aliceCreditedAgain = store.append("account:alice", "{\"amount\":\"1.00\"}"); // 7, alice #2
        store.checkpoint(Optional.of(new CheckpointSignature(KEY)));               // 2: 6..7
        store.append("account:bob", "{\"amount\":\"1.00\"}");                      // 8, bob #2, after the last
    }

    @AfterEach
    void dropStore() throws SQLException {
        store.close();
    }

    @Test
    void aHealthyStoreVerifiesAndExitsWithZero() {
        Run run = verify("--signing-key-file", keyFile(KEY));

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.findings()).isEmpty();
        assertThat(run.out()).contains("Checked 8 events in 4 streams and 2 checkpoints (covering up to global index 7; "
                + "1 newer events", "OK: no findings.");
    }

    @Test
    void aModifiedPayloadIsReportedAtItsPosition() throws SQLException {
        store.sql("UPDATE DomainEventEntry SET payload = ? WHERE globalIndex = ?",
                ChainedStore.utf8("{\"amount\":\"3025.00\"}"), aliceCredited);

        Run run = verify();

        assertThat(run.exitCode()).isEqualTo(VerifyChainCommand.FINDINGS);
        assertThat(run.findings()).singleElement().asString()
                .startsWith("MODIFIED global-index=" + aliceCredited + " stream=account:alice sequence=1:");
        assertThat(run.out()).contains("FAILED: 1 finding.");
    }

    @Test
    void modifiedMetadataIsReportedAtItsPositionAlsoAfterTheLastCheckpoint() throws SQLException {
        long newest = store.append("account:alice", "{\"amount\":\"2.00\"}");
        store.sql("UPDATE DomainEventEntry SET metaData = ? WHERE globalIndex = ?",
                ChainedStore.utf8("{\"traceId\":\"someone-else\"}"), newest);

        Run run = verify();

        assertThat(run.exitCode()).isEqualTo(VerifyChainCommand.FINDINGS);
        assertThat(run.findings()).singleElement().asString()
                .startsWith("MODIFIED global-index=" + newest + " stream=account:alice sequence=3:");
    }

    @Test
    void aDeletedEventIsReportedWhereItsStreamHasAHoleAndByItsCheckpoint() throws SQLException {
        store.sql("DELETE FROM DomainEventEntry WHERE globalIndex = ?", aliceCredited);

        Run run = verify();

        assertThat(run.exitCode()).isEqualTo(VerifyChainCommand.FINDINGS);
        assertThat(run.findings()).containsExactly(
                "DELETED checkpoint=1: it covers global indexes 0 < i <= 5 and recorded 5 events; 4 are there now: "
                        + "1 deleted",
                "DELETED global-index=" + aliceCreditedAgain + " stream=account:alice sequence=2: sequence 1 of this "
                        + "stream is missing before this event; its own link cannot be checked");
    }

    @Test
    void theDeletedLastEventOfAStreamIsReportedByTheCheckpointThatCoveredIt() throws SQLException {
        store.sql("DELETE FROM DomainEventEntry WHERE globalIndex = ?", holdPlaced);

        Run run = verify();

        assertThat(run.exitCode()).isEqualTo(VerifyChainCommand.FINDINGS);
        assertThat(run.findings()).singleElement().asString()
                .startsWith("DELETED checkpoint=2: it covers global indexes 5 < i <= 7 and recorded 2 events; 1 are");
    }

    @Test
    void theNewestEventOfAStreamDeletedAfterTheLastCheckpointIsNotDetectable() throws SQLException {
        // The documented limit (docs/tamper-evidence.md): nothing after it in its stream, no checkpoint over it yet.
        store.sql("DELETE FROM DomainEventEntry WHERE aggregateIdentifier = 'account:bob' AND sequenceNumber = 2");

        assertThat(verify().exitCode()).isZero();
    }

    @Test
    void anInsertedEventWithoutAChainHashIsReportedAtItsPosition() throws SQLException {
        store.sql("INSERT INTO DomainEventEntry (eventIdentifier, aggregateIdentifier, sequenceNumber, type, "
                + "timeStamp, payloadType, payloadRevision, payload, metaData) SELECT 'forged', aggregateIdentifier, "
                + "3, type, timeStamp, payloadType, payloadRevision, payload, metaData FROM DomainEventEntry "
                + "WHERE globalIndex = ?", aliceCreditedAgain);
        long inserted = store.events().get(store.events().size() - 1).globalIndex();

        Run run = verify();

        assertThat(run.exitCode()).isEqualTo(VerifyChainCommand.FINDINGS);
        assertThat(run.findings()).singleElement().asString()
                .startsWith("INSERTED global-index=" + inserted + " stream=account:alice sequence=3: it has no chain");
    }

    @Test
    void anEventInsertedWithAValidChainHashIntoACheckpointedRangeIsReportedByThatCheckpoint() throws SQLException {
        store.rollBackOneAppend();                                // leaves global index 9 empty for good
        long afterGap = store.append("account:carol", "{}");       // 10
        store.checkpoint();                                       // 3: 8..10
        store.insertForged(9, "account:mallory", 0, EventHash.genesis());

        Run run = verify();

        assertThat(afterGap).isEqualTo(10);
        assertThat(run.findings()).singleElement().asString()
                .startsWith("INSERTED checkpoint=3: it covers global indexes 7 < i <= 10 and recorded 2 events; 3 are");
    }

    @Test
    void anEventMovedToAnEarlierPositionThanItsPredecessorIsReportedAsInserted() throws SQLException {
        store.sql("UPDATE DomainEventEntry SET globalIndex = 100 WHERE globalIndex = ?", bobOpened);

        Run run = verify();

        assertThat(run.findings()).contains("DELETED global-index=" + bobDebited + " stream=account:bob sequence=1: "
                + "sequence 0 of this stream is missing before this event; its own link cannot be checked");
        assertThat(run.findings()).anySatisfy(line -> assertThat(line)
                .startsWith("INSERTED global-index=100 stream=account:bob sequence=0: sequence 0 comes after"));
    }

    @Test
    void aRewrittenHistoryPassesWithoutTheKeyAndFailsWithIt() throws SQLException {
        store.sql("UPDATE DomainEventEntry SET payload = ? WHERE globalIndex = ?",
                ChainedStore.utf8("{\"amount\":\"3025.00\"}"), aliceCredited);
        store.rewriteHistory();

        Run unsigned = verify();
        Run signed = verify("--signing-key-file", keyFile(KEY));

        assertThat(unsigned.exitCode()).as("what an unsigned chain cannot catch").isZero();
        assertThat(unsigned.out()).contains("Signatures: not checked (no --signing-key-file); 2 checkpoints carry one.");
        assertThat(signed.exitCode()).isEqualTo(VerifyChainCommand.FINDINGS);
        assertThat(signed.findings()).containsExactly(
                "BAD_SIGNATURE checkpoint=1: its signature was not made with this key over its hash",
                "BAD_SIGNATURE checkpoint=2: its signature was not made with this key over its hash");
    }

    @Test
    void anotherKeyOrAMissingSignatureFailsVerification() throws SQLException {
        store.checkpoint();                                       // 3: unsigned
        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;

        assertThat(verify("--signing-key-file", keyFile(KEY)).findings())
                .containsExactly("BAD_SIGNATURE checkpoint=3: it is not signed");
        assertThat(verify("--signing-key-file", keyFile(otherKey)).findings()).hasSize(3)
                .allSatisfy(line -> assertThat(line).startsWith("BAD_SIGNATURE"));
    }

    @Test
    void anAlteredOrRemovedCheckpointBreaksTheCheckpointChain() throws SQLException {
        store.checkpoint();                                       // 3: 8
        store.sql("UPDATE event_chain_checkpoint SET checkpoint_hash = ? WHERE checkpoint_number = 1",
                (Object) new byte[32]);
        store.sql("DELETE FROM event_chain_checkpoint WHERE checkpoint_number = 2");

        Run run = verify();

        assertThat(run.findings()).containsExactly(
                "BROKEN_CHECKPOINT checkpoint=1: the events in its range are not the ones it covered: an event was "
                        + "altered together with its chain hash, events were replaced, or the checkpoint itself was "
                        + "altered",
                "BROKEN_CHECKPOINT checkpoint=3: it follows checkpoint 1: the checkpoints in between were removed",
                "BROKEN_CHECKPOINT checkpoint=3: its range starts after global index 7 but the checkpoint before it "
                        + "ended at 5",
                // Checkpoint 3 was chained onto the removed checkpoint 2, not onto checkpoint 1.
                "BROKEN_CHECKPOINT checkpoint=3: the events in its range are not the ones it covered: an event was "
                        + "altered together with its chain hash, events were replaced, or the checkpoint itself was "
                        + "altered");
    }

    @Test
    void eventsStoredBeforeTheChainExistedAreChainedByTheirContent() throws SQLException {
        try (ChainedStore upgraded = newStore()) {
            upgraded.appendUnchained("account:old", "{}");
            upgraded.appendUnchained("account:old", "{\"amount\":\"1.00\"}");
            upgraded.append("account:old", "{\"amount\":\"2.00\"}");
            upgraded.checkpoint();

            assertThat(verify(upgraded).exitCode()).isZero();

            upgraded.sql("UPDATE DomainEventEntry SET payload = ? WHERE globalIndex = 2",
                    ChainedStore.utf8("{\"amount\":\"100.00\"}"));
            assertThat(verify(upgraded).findings()).singleElement().asString()
                    .startsWith("MODIFIED global-index=3 stream=account:old sequence=2:");
        }
    }

    @Test
    void hashesOfTheWrongShapeAreReportedWithoutStoppingTheVerification() throws SQLException {
        store.sql("UPDATE DomainEventEntry SET chainHash = ? WHERE globalIndex = ?", new byte[] {1}, aliceOpened);
        store.sql("UPDATE event_chain_checkpoint SET checkpoint_hash = ? WHERE checkpoint_number = 1",
                (Object) new byte[] {1});

        Run run = verify();

        assertThat(run.exitCode()).isEqualTo(VerifyChainCommand.FINDINGS);
        assertThat(run.findings()).hasSize(3).anySatisfy(line -> assertThat(line)
                .startsWith("MODIFIED global-index=" + aliceOpened + " stream=account:alice sequence=0:"));
        // Checkpoint 2 chains onto checkpoint 1's hash, which is now unusable.
        assertThat(run.findings()).filteredOn(line -> line.startsWith("BROKEN_CHECKPOINT checkpoint="))
                .hasSize(2);
        assertThat(run.out()).contains("Checked 8 events");
    }

    @Test
    void aPageSizeBelowOneIsAUsageError() {
        Run run = verify("--page-size", "0");

        assertThat(run.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run.err()).contains("--page-size must be at least 1");
    }

    @Test
    void progressGoesToStderrAndTheReportToStdout() {
        Run run = verify("--page-size", "3", "--progress-seconds", "0");

        assertThat(run.err()).contains("verify-chain: reading " + store.url,
                "verify-chain: 3 events checked, at global index 3", "verify-chain: 8 events checked");
        assertThat(run.out()).doesNotContain("events checked").contains("OK: no findings.");
    }

    @Test
    void anUnreadableStoreExitsWithThreeAndSaysWhy() {
        Run run = run("audit", "verify-chain", "--db-url", "jdbc:h2:mem:nothing-here;IFEXISTS=TRUE",
                "--db-user", "sa", "--db-password", "");

        assertThat(run.exitCode()).isEqualTo(VerifyChainCommand.UNREADABLE);
        assertThat(run.err()).contains("verify-chain: cannot read the event store");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aSigningKeyShorterThanThirtyTwoBytesIsRefused() {
        Run run = verify("--signing-key-file", keyFile(new byte[16]));

        assertThat(run.exitCode()).isEqualTo(VerifyChainCommand.UNREADABLE);
        assertThat(run.err()).contains("cannot use the signing key", "at least 32 bytes");
    }

    /** A new, empty store; H2 here, PostgreSQL in {@link VerifyChainCommandOnPostgresTest}. */
    ChainedStore newStore() throws SQLException {
        return ChainedStore.onH2();
    }

    private Run verify(String... options) {
        return verify(store, options);
    }

    private static Run verify(ChainedStore target, String... options) {
        List<String> args = new ArrayList<>(List.of("audit", "verify-chain", "--db-url", target.url,
                "--db-user", target.user, "--db-password", ""));
        args.addAll(List.of(options));
        return run(args.toArray(String[]::new));
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = new CommandLine(new LedgerOps()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private String keyFile(byte[] key) {
        try {
            Path file = Files.createTempFile(temp, "chain", ".key");
            Files.write(file, key);
            return file.toString();
        } catch (IOException failure) {
            throw new IllegalStateException(failure);
        }
    }
}
