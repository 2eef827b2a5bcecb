package io.ledger.api;

import io.ledger.api.HttpClientSupport.Answer;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When every database connection stays busy past the pool's timeout, a request is answered 503 STORE_BUSY with
 * Retry-After, nothing is written, and the same request succeeds once connections are free again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:ledger-store-busy;DB_CLOSE_DELAY=-1",
        "spring.datasource.hikari.maximum-pool-size=3",
        "spring.datasource.hikari.connection-timeout=250"})
class StoreBusyHttpTest {

    private static final int POOL_SIZE = 3;
    private static final String OPEN = "{\"id\":\"busy-1\",\"currency\":\"EUR\",\"name\":\"Busy\"}";

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    @Test
    void aRequestThatGetsNoConnectionIsAnswered503AndChangesNothing() throws Exception {
        HttpClientSupport http = new HttpClientSupport("http://localhost:" + port);
        Answer busy;
        List<Connection> held = holdEveryConnection();
        try {
            busy = http.post("/api/v1/accounts", OPEN);
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }

        assertThat(busy.status()).as(busy.body()).isEqualTo(503);
        assertThat(busy.contentType()).startsWith("application/problem+json");
        assertThat(busy.code()).isEqualTo("STORE_BUSY");
        assertThat(busy.raw().headers().firstValue("Retry-After")).contains("1");
        assertThat(http.get("/api/v1/accounts/busy-1").code()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(http.post("/api/v1/accounts", OPEN).status()).isEqualTo(201);
    }

    /**
     * The views' processors borrow connections too; take each as it comes free until the test holds them all. The
     * connections come from the pool itself: the service's data source hands out a connection only at its first
     * statement.
     */
    private List<Connection> holdEveryConnection() throws InterruptedException, SQLException {
        DataSource pool = dataSource.unwrap(HikariDataSource.class);
        List<Connection> held = new ArrayList<>();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (held.size() < POOL_SIZE && System.nanoTime() < deadline) {
            try {
                held.add(pool.getConnection());
            } catch (SQLException stillBusy) {
                Thread.sleep(10);
            }
        }
        assertThat(held).hasSize(POOL_SIZE);
        return held;
    }
}
