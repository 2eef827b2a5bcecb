package io.ledger.api.config;

import org.flywaydb.core.Flyway;
import org.h2.engine.SessionLocal;
import org.h2.index.Index;
import org.h2.jdbc.JdbcConnection;
import org.h2.result.Row;
import org.h2.table.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service runs the index check on its own store as it starts, before anything reads the store: an event that
 * a crash's half-done rollback left in the table, in none of its indexes, is gone once the service is up, before
 * any view could read it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "spring.datasource.url=" + IndexCheckAtStartupTest.URL)
class IndexCheckAtStartupTest {

    static final String URL = "jdbc:h2:mem:ledger-index-check-at-startup;DB_CLOSE_DELAY=-1";

    @Autowired
    JdbcTemplate jdbc;

    /** Runs before the Spring context of this class is created: the store exists, with the remnant of a crash. */
    @BeforeAll
    static void storeWithAnEventInNoIndex() throws SQLException {
        Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration/h2").load().migrate();
        try (Connection connection = DriverManager.getConnection(URL, "sa", "")) {
            try (Statement insert = connection.createStatement()) {
                insert.execute("INSERT INTO DomainEventEntry (eventIdentifier, aggregateIdentifier, sequenceNumber, "
                        + "type, timeStamp, payloadType, payload) VALUES ('remnant', 'account:acct-EUR-2', 112, "
                        + "'Account', '2026-11-24T17:25:28.890Z', 'io.ledger.core.account.AccountDebitedEvent', "
                        + "CAST('{}' AS VARBINARY))");
            }
            SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
            Table events = session.getDatabase().getSchema("PUBLIC").getTableOrView(session, "DOMAINEVENTENTRY");
            Row remnant = events.getScanIndex(session).getRow(session, 1);
            for (Index index : events.getIndexes()) {
                if (index.getClass().getSimpleName().equals("MVSecondaryIndex")) {
                    index.remove(session, remnant);
                }
            }
            session.commit(false);
            assertThat(eventsInTheTable(connection)).isOne();
        }
    }

    @Test
    void theRemnantIsGoneOnceTheServiceIsUp() throws SQLException {
        try (Connection connection = jdbc.getDataSource().getConnection()) {
            assertThat(eventsInTheTable(connection)).isZero();
        }
    }

    private static long eventsInTheTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT COUNT(*) FROM DomainEventEntry USE INDEX () WHERE _ROWID_ IS NOT NULL")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
