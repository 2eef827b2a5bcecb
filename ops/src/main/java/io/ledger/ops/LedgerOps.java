package io.ledger.ops;

import io.ledger.ops.audit.AuditCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The operator's command-line tool. It reads the event store and never writes to the live store; it depends on
 * ledger-core and ledger-query only, so it cannot reach the write side even by accident.
 *
 * <p>The audit commands (replay to a timestamp, verify, diff, verify-chain) are built on the read side's
 * projections; see {@link AuditCommand}.
 */
@Command(name = "ledger-ops", mixinStandardHelpOptions = true, versionProvider = LedgerOps.Version.class,
        description = "Operator tools for the Ledger: audit, verification and benchmarks. "
                + "Never writes to the live store.",
        subcommands = AuditCommand.class)
public final class LedgerOps implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        keepEmbeddedServersOnLoopback();
        skipH2ObjectCache();
        System.exit(run(args));
    }

    static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The tool's command line; a failure while reading is reported in one line on stderr, exit code 1. */
    public static CommandLine commandLine() {
        return new CommandLine(new LedgerOps()).setExecutionExceptionHandler((failure, commandLine, parsed) -> {
            commandLine.getErr().println(commandLine.getCommandName() + ": " + describe(failure));
            commandLine.getErr().flush();
            return 1;
        });
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /**
     * With AUTO_SERVER=TRUE, whichever process opens an H2 file first serves it to the others over TCP, and H2
     * starts that server accepting remote connections (-tcpAllowOthers), guarded only by a key in the lock file.
     * Binding H2's sockets to the loopback address keeps it local, also when this tool is the first to open.
     * An operator who sets h2.bindAddress explicitly keeps that choice.
     */
    static void keepEmbeddedServersOnLoopback() {
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    /**
     * H2 by default looks every string and small value it reads up in a shared cache (hashing and comparing it)
     * to share equal instances; the tool reads each row once and keeps none of H2's values, so the cache only
     * costs: about a tenth of the reading thread's CPU in a replay. Must run before H2's classes load.
     */
    static void skipH2ObjectCache() {
        if (System.getProperty("h2.objectCache") == null) {
            System.setProperty("h2.objectCache", "false");
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = LedgerOps.class.getPackage().getImplementationVersion();
            return new String[] {"ledger-ops " + (version == null ? "development build" : version)};
        }
    }
}
