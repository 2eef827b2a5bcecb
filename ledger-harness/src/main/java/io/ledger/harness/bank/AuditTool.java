package io.ledger.harness.bank;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The operator's audit tool ({@code ops/target/ledger-ops.jar}), run as a child process against the stopped
 * store, exactly as an operator would run it. Exit 0 means healthy. A subcommand the tool does not have yet is
 * reported as not run, never as passed.
 */
final class AuditTool {

    static final String SUBCOMMAND_MISSING = "not run: subcommand missing";

    private final Optional<Path> jar;
    private final Path log;

    AuditTool(Optional<Path> jar, Path log) {
        this.jar = jar;
        this.log = log;
    }

    /** The tool's jar in this checkout, if it was built (ledger-harness depends on ops so that it is). */
    static Optional<Path> defaultJar() {
        Path root = Path.of(System.getProperty("maven.multiModuleProjectDirectory", "."));
        return List.of(root.resolve("ops/target/ledger-ops.jar"), Path.of("../ops/target/ledger-ops.jar"),
                        Path.of("ops/target/ledger-ops.jar")).stream()
                .filter(Files::isRegularFile).map(p -> p.toAbsolutePath().normalize()).findFirst();
    }

    CheckResult run(String subcommand, StoreLocation store) {
        String name = "audit-" + subcommand;
        if (jar.isEmpty()) {
            return new CheckResult(name, CheckResult.Status.NOT_RUN, "not run: ops/target/ledger-ops.jar not built");
        }
        try {
            Path output = Files.createTempFile(log.getParent(), name, ".log");
            int exit = launch(subcommand, store, output);
            String text = Files.readString(output);
            Files.writeString(log, "$ audit " + subcommand + " (exit " + exit + ")\n" + text + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (exit == 2 && text.contains("Unmatched argument") && text.contains("'" + subcommand + "'")) {
                return new CheckResult(name, CheckResult.Status.NOT_RUN, SUBCOMMAND_MISSING);
            }
            return CheckResult.of(name, exit == 0, "exit " + exit + ": " + lastLine(text));
        } catch (IOException | InterruptedException failure) {
            return new CheckResult(name, CheckResult.Status.FAILED, "could not run: " + failure);
        }
    }

    private int launch(String subcommand, StoreLocation store, Path output) throws IOException, InterruptedException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.orElseThrow().toString(), "audit", subcommand,
                "--db-url", store.jdbcUrl(), "--db-user", store.user())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        // The password goes by environment, not on the command line, where other users could read it.
        builder.environment().put("LEDGER_DB_PASSWORD", store.password());
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("audit " + subcommand + " did not finish within 10 minutes");
        }
        return process.exitValue();
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }
}
