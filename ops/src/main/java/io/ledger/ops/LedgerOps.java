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
        System.exit(run(args));
    }

    static int run(String... args) {
        return new CommandLine(new LedgerOps()).execute(args);
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
