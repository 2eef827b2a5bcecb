package io.ledger.ops.audit;

import io.ledger.core.chain.CheckpointSignature;
import io.ledger.ops.store.StoreOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code ledger-ops audit verify-chain}: recomputes the tamper-evident event log and reports every event that was
 * modified, deleted or inserted since it was written, with its position. The report goes to stdout, progress to
 * stderr; the exit code is 0 when nothing was found, 1 when something was, 3 when the store could not be read.
 */
@Command(name = "verify-chain", mixinStandardHelpOptions = true,
        description = "Recomputes every stream's hash chain and the checkpoints over the global order, and reports "
                + "modified, deleted and inserted events with their position. Reads only.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the chain verified, nothing found", "1:findings (listed on stdout)",
                "2:usage error", "3:the store could not be read"})
public final class VerifyChainCommand implements Callable<Integer> {

    static final int FINDINGS = 1;
    static final int UNREADABLE = 3;

    @Mixin
    StoreOptions store;

    @Option(names = "--signing-key-file", paramLabel = "FILE",
            description = "The checkpoint signing key (the service's ledger.chain.signing-key-file). With it, every "
                    + "checkpoint must carry a valid signature; without it, signatures are not checked.")
    Path signingKeyFile;

    @Option(names = "--page-size", defaultValue = "1000", paramLabel = "EVENTS",
            description = "Events read per query (default: ${DEFAULT-VALUE}).")
    int pageSize;

    @Option(names = "--progress-seconds", defaultValue = "2", paramLabel = "SECONDS",
            description = "How often progress is written to stderr (default: ${DEFAULT-VALUE}; 0: after every page).")
    long progressSeconds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (pageSize < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--page-size must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<CheckpointSignature> signer;
        try {
            signer = signer();
        } catch (IOException | IllegalArgumentException unusable) {
            err.println("verify-chain: cannot use the signing key " + signingKeyFile + ": " + unusable.getMessage());
            return UNREADABLE;
        }
        try (Connection connection = openSnapshot()) {
            err.println("verify-chain: reading " + store.url());
            ChainVerifier.Summary summary = new ChainVerifier(signer, pageSize).verify(connection,
                    finding -> out.println(finding.line()), progress(err, Duration.ofSeconds(progressSeconds)));
            printSummary(out, summary, signer.isPresent());
            out.flush();
            return summary.findings() == 0 ? 0 : FINDINGS;
        } catch (SQLException failure) {
            err.println("verify-chain: cannot read the event store: " + failure.getMessage());
            return UNREADABLE;
        }
    }

    private Optional<CheckpointSignature> signer() throws IOException {
        if (signingKeyFile == null) {
            return Optional.empty();
        }
        return Optional.of(new CheckpointSignature(Files.readAllBytes(signingKeyFile)));
    }

    /**
     * One read-only transaction at REPEATABLE READ: the whole store as of one instant. Read in many pages without
     * it, an event committed after its position was passed could be missed while its successor is seen, which
     * would look like a deletion.
     */
    private Connection openSnapshot() throws SQLException {
        Connection connection = store.openReadOnly();
        try {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            return connection;
        } catch (SQLException failure) {
            connection.close();
            throw failure;
        }
    }

    private static ChainVerifier.Progress progress(PrintWriter err, Duration every) {
        long[] lastPrinted = {System.nanoTime()};
        return (eventsChecked, globalIndex) -> {
            if (System.nanoTime() - lastPrinted[0] >= every.toNanos()) {
                err.println("verify-chain: " + eventsChecked + " events checked, at global index " + globalIndex);
                err.flush();
                lastPrinted[0] = System.nanoTime();
            }
        };
    }

    private static void printSummary(PrintWriter out, ChainVerifier.Summary summary, boolean keyGiven) {
        out.println("Checked " + summary.events() + " events in " + summary.streams() + " streams and "
                + summary.checkpoints() + " checkpoints (covering up to global index "
                + summary.lastCheckpointedIndex() + "; " + summary.eventsAfterLastCheckpoint()
                + " newer events are covered by stream chains only).");
        out.println(keyGiven ? "Signatures: checked with the given key."
                : "Signatures: not checked (no --signing-key-file); " + summary.signedCheckpoints()
                + " checkpoints carry one.");
        out.println(summary.findings() == 0 ? "OK: no findings."
                : "FAILED: " + summary.findings() + " finding" + (summary.findings() == 1 ? "" : "s") + ".");
    }
}
