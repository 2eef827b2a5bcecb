package io.ledger.ops;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerOpsTest {

    @Test
    void withoutArgumentsItPrintsItsUsageAndSucceeds() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = new CommandLine(new LedgerOps()).setOut(new PrintWriter(out));
        assertThat(commandLine.execute()).isZero();
        assertThat(out.toString()).contains("Usage: ledger-ops", "Never writes");
    }

    @Test
    void anUnknownOptionIsRefusedWithAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new LedgerOps()).setErr(new PrintWriter(err));
        assertThat(commandLine.execute("--no-such-option")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Unknown option");
    }

    @Test
    void itReportsItsVersion() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = new CommandLine(new LedgerOps()).setOut(new PrintWriter(out));
        assertThat(commandLine.execute("--version")).isZero();
        assertThat(out.toString()).startsWith("ledger-ops ");
    }
}
