package io.ledger.ops.audit;

import io.ledger.ops.LedgerOps;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** Runs the tool's command line in-process, as an operator would from the shell, and keeps what it printed. */
record AuditRun(int exitCode, String out, String err) {

    static AuditRun of(String url, String... args) {
        return withCredentials(url, "sa", "", args);
    }

    static AuditRun withCredentials(String url, String user, String password, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--db-url", url, "--db-user", user, "--db-password", password));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = LedgerOps.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(all.toArray(String[]::new));
        return new AuditRun(exitCode, out.toString(), err.toString());
    }
}
