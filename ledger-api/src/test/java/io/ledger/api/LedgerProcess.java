package io.ledger.api;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The ledger service as a real operating-system process on this test's class path, so that tests can kill it
 * with SIGKILL ({@link Process#destroyForcibly()}) and start it again on the same data.
 */
final class LedgerProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private LedgerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static LedgerProcess start(Path dataDir, String... extraArgs) throws IOException {
        int port = freePort();
        Path log = Files.createTempFile(dataDir.getParent(), "ledger-process", ".log");
        List<String> command = new ArrayList<>(List.of(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.ledger.api.LedgerApplication",
                "--server.port=" + port,
                "--ledger.data-dir=" + dataDir.toAbsolutePath(),
                "--ledger.security.api-keys-file=" + TestCredentials.keysFile()));
        command.addAll(List.of(extraArgs));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LedgerProcess ledger = new LedgerProcess(process, port, log);
        ledger.awaitReady(Duration.ofSeconds(120));
        return ledger;
    }

    HttpClientSupport http() {
        return new HttpClientSupport("http://localhost:" + port);
    }

    /** SIGKILL: no shutdown hooks, no flushing, exactly what a crash or an OOM killer does. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    private void awaitReady(Duration limit) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        HttpClientSupport http = http();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The ledger exited while starting:\n" + Files.readString(log));
            }
            try {
                if (http.get("/actuator/health/readiness").status() == 200) {
                    return;
                }
            } catch (RuntimeException notYetListening) {
                // Still starting.
            }
            sleep(200);
        }
        throw new IllegalStateException("The ledger did not become ready in time:\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
