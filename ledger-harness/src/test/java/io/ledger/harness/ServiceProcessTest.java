package io.ledger.harness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceProcessTest {

    @Test
    void theServiceSurvivesAKillAndComesBackOnTheSamePortAndData(@TempDir Path dir) throws Exception {
        Path keys = dir.resolve("api-keys.json");
        ApiKeys.writeKeysFile(keys, "harness", ApiKeys.generate());
        try (ServiceProcess service = ServiceProcess.start(ServiceProcess.defaultServiceJar(), dir.resolve("log"),
                Map.of(), Duration.ofSeconds(120), "--ledger.data-dir=" + dir.resolve("data"),
                "--ledger.security.api-keys-file=" + keys)) {
            int port = service.port();
            long firstPid = service.pid();

            service.kill();
            assertThat(service.isAlive()).isFalse();
            Duration recovery = service.restart(Duration.ofSeconds(120));

            assertThat(service.isAlive()).isTrue();
            assertThat(service.pid()).isNotEqualTo(firstPid);
            assertThat(service.port()).isEqualTo(port);
            assertThat(recovery).isPositive();
            LedgerClient client = new LedgerClient(service.baseUrl(), null, Duration.ofSeconds(5));
            assertThat(client.get("/actuator/health/readiness").status()).isEqualTo(200);
        }
    }
}
