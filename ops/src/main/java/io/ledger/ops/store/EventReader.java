package io.ledger.ops.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Streams the event store in global order in pages of {@link #PAGE_ROWS} rows, each read by key range on the
 * primary key with a forward-only cursor and a fetch size (on PostgreSQL inside a transaction, without which the
 * driver would load the whole result), so memory does not grow with the number of events. Paging by key matters
 * on H2, whose embedded engine otherwise builds a query's whole result before returning the first row. Payloads are
 * read by a {@link PayloadReader}: as the service's Jackson settings read them (see the service's AxonConfig), the
 * commonest types without Jackson.
 */
public final class EventReader {

    /** Rows per round trip: large enough to hide latency, small enough to keep memory flat. */
    static final int FETCH_SIZE = 2_000;
    /**
     * Rows per query: each page is one short read, so no query holds a snapshot open for the whole replay. H2
     * builds a page's whole result before the first row (about 1 KB a row, every column decoded): with 20,000
     * rows that was some 20 MB alive across young collections, copied, promoted and then found dead by full
     * collections (five in a 1M replay with the serial collector, one with pages of 2,000).
     */
    static final int PAGE_ROWS = 2_000;

    private static final String SELECT = "SELECT globalIndex, aggregateIdentifier, sequenceNumber, type, timeStamp, "
            + "payloadType, payloadRevision, payload, metaData FROM DomainEventEntry "
            + "WHERE globalIndex > ? AND globalIndex <= ? ORDER BY globalIndex FETCH FIRST " + PAGE_ROWS + " ROWS ONLY";

    private static final ObjectMapper MAPPER = mapper();
    private static final ObjectReader METADATA_READER =
            MAPPER.readerFor(MAPPER.getTypeFactory().constructMapType(TreeMap.class, String.class, Object.class));
    private final PayloadReader payloads = new PayloadReader();
    private final Connection connection;
    private final Timestamps timestamps = new Timestamps();

    public EventReader(Connection connection) {
        this.connection = connection;
    }

    /**
     * Calls {@code sink} for each event with a global index in (after, upTo], in order, until it answers false.
     *
     * <p>The rows are read and their payloads deserialized on a second thread, at most {@link #AHEAD_BATCHES}
     * batches of {@link #BATCH_EVENTS} events ahead of {@code sink}, which runs on the calling thread: reading
     * and projecting each take about half of a replay's CPU, so on two cores they overlap. The connection is used
     * by that thread only while this method runs, and never concurrently; this method returns (or throws) only
     * once the thread is done. An error of either side ends both and is thrown here.
     */
    public void stream(long after, long upTo, Predicate<StoredEvent> sink) throws SQLException {
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(AHEAD_BATCHES);
        AtomicBoolean stop = new AtomicBoolean();
        Thread ahead = new Thread(() -> readAhead(after, upTo, queue, stop), "event-reader");
        ahead.setDaemon(true);
        ahead.start();
        try {
            while (true) {
                Batch batch = take(queue);
                if (batch.failure() != null) {
                    throw rethrow(batch.failure());
                }
                for (StoredEvent event : batch.events()) {
                    if (!sink.test(event)) {
                        return;
                    }
                }
                if (batch.last()) {
                    return;
                }
            }
        } finally {
            stop.set(true);
            // The reader may be waiting for room in the queue: make room until it has seen the stop and ended.
            while (ahead.isAlive()) {
                queue.clear();
                joinBriefly(ahead);
            }
        }
    }

    /** Events handed over at once: large enough that the hand-over costs nothing per event. */
    static final int BATCH_EVENTS = 1_000;
    /** Batches the reading thread may be ahead: bounds the memory of events read but not yet applied. */
    static final int AHEAD_BATCHES = 8;

    private record Batch(List<StoredEvent> events, boolean last, Throwable failure) {
    }

    private void readAhead(long after, long upTo, BlockingQueue<Batch> queue, AtomicBoolean stop) {
        var filling = new Object() {
            List<StoredEvent> events = new ArrayList<>(BATCH_EVENTS);
        };
        try {
            readInOrder(after, upTo, event -> {
                filling.events.add(event);
                if (filling.events.size() == BATCH_EVENTS) {
                    if (!hand(queue, stop, new Batch(filling.events, false, null))) {
                        return false;
                    }
                    filling.events = new ArrayList<>(BATCH_EVENTS);
                }
                return !stop.get();
            });
            hand(queue, stop, new Batch(filling.events, true, null));
        } catch (Throwable failure) {
            hand(queue, stop, new Batch(List.of(), true, failure));
        }
    }

    /** Puts the batch in the queue unless the consumer stopped meanwhile; false if it did. */
    private static boolean hand(BlockingQueue<Batch> queue, AtomicBoolean stop, Batch batch) {
        try {
            while (!stop.get()) {
                if (queue.offer(batch, 50, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Batch take(BlockingQueue<Batch> queue) {
        try {
            return queue.take();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the event store", interrupted);
        }
    }

    private static void joinBriefly(Thread thread) {
        try {
            thread.join(50);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static SQLException rethrow(Throwable failure) {
        if (failure instanceof SQLException sql) {
            return sql;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(failure);
    }

    /** The rows in order, read and deserialized on the calling thread, until {@code sink} answers false. */
    private void readInOrder(long after, long upTo, Predicate<StoredEvent> sink) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement select = connection.prepareStatement(SELECT, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            select.setFetchSize(FETCH_SIZE);
            long last = after;
            while (true) {
                PageEnd end = page(select, last, upTo, sink);
                connection.rollback();
                if (end.stopped() || end.rows() < PAGE_ROWS) {
                    return;
                }
                last = end.lastIndex();
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    private record PageEnd(int rows, long lastIndex, boolean stopped) {
    }

    private PageEnd page(PreparedStatement select, long after, long upTo, Predicate<StoredEvent> sink)
            throws SQLException {
        select.setLong(1, after);
        select.setLong(2, upTo);
        int count = 0;
        long last = after;
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                StoredEvent event = read(rows);
                count++;
                last = event.globalIndex();
                if (!sink.test(event)) {
                    return new PageEnd(count, last, true);
                }
            }
        }
        return new PageEnd(count, last, false);
    }

    /** The highest global index in the store, 0 when it is empty. */
    public long lastIndex() throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT MAX(globalIndex) FROM DomainEventEntry");
             ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private StoredEvent read(ResultSet rows) throws SQLException {
        String payloadType = rows.getString(6);
        return new StoredEvent(rows.getLong(1), rows.getString(2), rows.getLong(3), rows.getString(4),
                timestamps.parse(rows.getString(5)), payloads.read(payloadType, rows.getString(7), rows.getBytes(8)),
                payloadType, rows.getBytes(9));
    }

    /** The service's settings (see its AxonConfig): unknown properties ignored, instants as ISO strings. */
    static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Stored metadata (JSON) as a map of strings; empty for none. */
    static Map<String, String> metadata(byte[] json) {
        if (json == null || json.length == 0) {
            return Map.of();
        }
        try {
            Map<String, Object> raw = METADATA_READER.readValue(json);
            Map<String, String> values = new TreeMap<>();
            raw.forEach((key, value) -> values.put(key, String.valueOf(value)));
            return values;
        } catch (IOException unreadable) {
            throw new UncheckedIOException("Unreadable event metadata", unreadable);
        }
    }
}
