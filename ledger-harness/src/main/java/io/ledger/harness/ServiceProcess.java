package io.ledger.harness;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ledger service as a real operating-system process, started from its executable jar, so that a harness can
 * kill it with SIGKILL and start it again on the same data and port, exactly as an operator's supervisor would.
 */
public final class ServiceProcess implements AutoCloseable {

    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private final int port;
    private Process process;

    private ServiceProcess(List<String> command, Map<String, String> environment, Path log, int port) {
        this.command = command;
        this.environment = environment;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the service jar with {@code args} (Spring arguments such as {@code --ledger.data-dir=...}) on a free
     * port and waits until it reports ready. The process's output goes to {@code log}, appended across restarts.
     */
    public static ServiceProcess start(Path serviceJar, Path log, Map<String, String> environment,
                                       Duration readyTimeout, String... args) throws IOException {
        return start(serviceJar, log, environment, List.of(), readyTimeout, args);
    }

    /**
     * Like {@link #start(Path, Path, Map, Duration, String...)} with extra JVM options before {@code -jar}
     * (a flight recording, GC logging); the heap is capped at 512 MiB unless they set {@code -Xmx} themselves.
     */
    public static ServiceProcess start(Path serviceJar, Path log, Map<String, String> environment,
                                       List<String> jvmArgs, Duration readyTimeout, String... args)
            throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(javaExecutable()));
        if (jvmArgs.stream().noneMatch(option -> option.startsWith("-Xmx"))) {
            command.add("-Xmx512m");
        }
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", serviceJar.toAbsolutePath().toString(), "--server.port=" + port));
        command.addAll(List.of(args));
        ServiceProcess service = new ServiceProcess(List.copyOf(command), Map.copyOf(environment), log, port);
        service.launch(readyTimeout);
        return service;
    }

    /** The service's jar in this checkout, built by {@code ./mvnw package} (or verify) of ledger-api. */
    public static Path defaultServiceJar() {
        Path root = Path.of(System.getProperty("maven.multiModuleProjectDirectory", "."));
        for (Path candidate : List.of(root.resolve("ledger-api/target/ledger.jar"),
                Path.of("../ledger-api/target/ledger.jar"), Path.of("ledger-api/target/ledger.jar"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("ledger-api/target/ledger.jar not found: build it with "
                + "./mvnw -pl ledger-api -am package -DskipTests");
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: no shutdown hooks, no flushing, exactly what a crash or the OOM killer does. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    /**
     * SIGTERM and wait: the service shuts down gracefully, so shutdown work (such as writing a flight recording)
     * happens; SIGKILL after {@code limit} if it has not exited by then.
     */
    public void stop(Duration limit) throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                kill();
            }
        }
    }

    /** Starts the same command again (same data, same port) and returns how long it took to become ready. */
    public Duration restart(Duration readyTimeout) throws IOException {
        long started = System.nanoTime();
        launch(readyTimeout);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private void launch(Duration readyTimeout) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        awaitReady(readyTimeout);
    }

    private void awaitReady(Duration limit) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        LedgerClient probe = new LedgerClient(baseUrl(), null, Duration.ofSeconds(2));
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The ledger exited while starting; see " + log);
            }
            try {
                if (probe.get("/actuator/health/readiness").status() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // Still starting.
            }
            pause(100);
        }
        throw new IllegalStateException("The ledger did not become ready within " + limit + "; see " + log);
    }

    private static String javaExecutable() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
