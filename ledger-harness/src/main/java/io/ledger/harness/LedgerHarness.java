package io.ledger.harness;

import io.ledger.harness.bank.BankCommand;
import io.ledger.harness.bench.BenchCommand;
import io.ledger.harness.bench.PgLoadShapesCommand;
import io.ledger.harness.h2.H2KillLoopCommand;
import io.ledger.harness.h2.H2KillWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the harnesses that run the real service as a process (the bank test and the benchmark) and of
 * the H2 kill loop.
 * Each is a subcommand; results are written to files, progress to stderr.
 */
@Command(name = "ledger-harness", mixinStandardHelpOptions = true,
        description = "Runs the ledger service as a separate process and drives it over HTTP.",
        subcommands = {BankCommand.class, BenchCommand.class, PgLoadShapesCommand.class, H2KillLoopCommand.class,
                H2KillWriter.class})
public final class LedgerHarness implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LedgerHarness()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
