package io.ledger.api.config;

import io.ledger.api.chain.StreamHeadCache;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event store's read of the events after a token with gaps, on H2, as the service configures it: the events
 * that filled the gaps and those after the token's position, in position order, read by primary-key lookups.
 * Axon's own statement for it made H2 walk every event of the store on each read, which slowed every view
 * once a token carried a gap (docs/performance.md, "H2, 60 s windows").
 */
class GapReadOnH2Test {

    private static final long STORED_EVENTS = 5_000;
    private static final long TOKEN_POSITION = 4_990;
    private static final List<Long> GAPS = List.of(100L, 2_000L);
    /** The page size the service configures (AxonConfig): the read asks for positions up to the token's + 1,000. */
    private static final long PAGE = 1_000;

    private final String url = "jdbc:h2:mem:gap-read-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private final List<String> preparedSql = new CopyOnWriteArrayList<>();
    private EventStorageEngine engine;

    @BeforeEach
    void storeWithFiveThousandEvents() throws SQLException {
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration/h2").load().migrate();
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO DomainEventEntry (globalIndex, eventIdentifier, aggregateIdentifier, "
                    + "sequenceNumber, type, timeStamp, payloadType, payload, metaData) "
                    + "SELECT X, 'e' || X, 'stream-' || MOD(X, 100), X / 100, 'Transfer', "
                    + "'2026-11-24T12:00:00Z', 'java.lang.String', CAST('\"x\"' AS VARBINARY), "
                    + "CAST('{}' AS VARBINARY) FROM SYSTEM_RANGE(1, " + STORED_EVENTS + ")");
        }
        engine = engineAsTheServiceConfiguresIt();
    }

    @Test
    void readsTheEventsThatFilledTheGapsAndThoseAfterThePositionInPositionOrder() {
        List<String> read;
        try (Stream<? extends EventMessage<?>> events = engine.readEvents(tokenWithGaps(), false)) {
            read = events.map(EventMessage::getIdentifier).toList();
        }

        assertThat(read).containsExactlyElementsOf(expectedIdentifiers());
    }

    @Test
    void readsOnlyTheRowsItAnswersWithNotTheWholeStore() throws SQLException {
        try (Stream<? extends EventMessage<?>> events = engine.readEvents(tokenWithGaps(), false)) {
            assertThat(events.count()).isEqualTo(expectedIdentifiers().size());
        }
        String gapRead = preparedSql.stream().filter(sql -> sql.contains(" IN (")).findFirst().orElseThrow();

        long rowsRead = rowsScannedBy(gapRead);

        // Twelve rows answered; H2 counts one row more per range it reads and per key it looks up.
        assertThat(rowsRead).as("rows H2 reads for: %s", gapRead)
                .isLessThanOrEqualTo(2L * expectedIdentifiers().size());
    }

    private static GapAwareTrackingToken tokenWithGaps() {
        return GapAwareTrackingToken.newInstance(TOKEN_POSITION, GAPS);
    }

    private static List<String> expectedIdentifiers() {
        List<String> expected = new ArrayList<>();
        GAPS.forEach(gap -> expected.add("e" + gap));
        LongStream.rangeClosed(TOKEN_POSITION + 1, STORED_EVENTS).forEach(position -> expected.add("e" + position));
        return expected;
    }

    /** The sum of H2's scan counts when it runs {@code sql} with the parameters the engine gave it. */
    private long rowsScannedBy(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             PreparedStatement explain = connection.prepareStatement("EXPLAIN ANALYZE " + sql)) {
            explain.setLong(1, TOKEN_POSITION);
            explain.setLong(2, TOKEN_POSITION + PAGE);
            for (int gap = 0; gap < GAPS.size(); gap++) {
                explain.setLong(gap + 3, GAPS.get(gap));
            }
            try (ResultSet plan = explain.executeQuery()) {
                assertThat(plan.next()).isTrue();
                Matcher scanCount = Pattern.compile("scanCount: (\\d+)").matcher(plan.getString(1));
                long rows = 0;
                while (scanCount.find()) {
                    rows += Long.parseLong(scanCount.group(1));
                }
                return rows;
            }
        }
    }

    private EventStorageEngine engineAsTheServiceConfiguresIt() {
        AxonConfig config = new AxonConfig();
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test",
                Map.of("spring.datasource.url", url)));
        StoreProperties store = new StoreProperties(Duration.ofSeconds(4), Duration.ofSeconds(2),
                Duration.ofSeconds(2), Duration.ofSeconds(60), 250, 1_000_000, Duration.ofMinutes(1), true);
        ConnectionProvider connections = () -> recordingPreparedSql(DriverManager.getConnection(url, "sa", ""));
        return config.eventStorageEngine(config.serializer(), connections, NoTransactionManager.INSTANCE,
                new UniqueViolationResolver(), store, Clock.systemUTC(), environment, new StreamHeadCache(100),
                new SimpleMeterRegistry());
    }

    private Connection recordingPreparedSql(Connection connection) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("prepareStatement")) {
                        preparedSql.add((String) arguments[0]);
                    }
                    try {
                        return method.invoke(connection, arguments);
                    } catch (InvocationTargetException failure) {
                        throw failure.getCause();
                    }
                });
    }
}
