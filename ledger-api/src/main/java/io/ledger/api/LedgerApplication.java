package io.ledger.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
public class LedgerApplication {

    static {
        keepEmbeddedServersOnLoopback();
    }

    public static void main(String[] args) {
        SpringApplication.run(LedgerApplication.class, args);
    }

    /**
     * The embedded H2 store is opened with AUTO_SERVER=TRUE so that the audit tool can read it while the service
     * runs. H2 serves such a database over TCP and starts that server accepting remote connections, guarded only by
     * a key in its lock file; binding H2's sockets to the loopback address keeps the store unreachable from other
     * machines. It runs when this class is loaded, before any H2 class reads the property. An explicit
     * -Dh2.bindAddress is kept.
     */
    static void keepEmbeddedServersOnLoopback() {
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }
}
