package io.ledger.ops.audit;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The auditor's questions, each a subcommand: what did the books say at an instant, what changed between two
 * instants, do the live read models agree with the events, and was any event altered since it was written.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Answers from the event store alone; reads, never writes.",
        subcommands = {ReplayCommand.class, VerifyCommand.class, DiffCommand.class, VerifyChainCommand.class})
public final class AuditCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
