package io.ledger.api.command;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Reads, on its own thread, the events a fence covers, in store order and in chunks, so that a rebuild reads and
 * deserializes the next chunk while it applies and writes the current one (on two cores this overlaps the event
 * store's reads with the view's writes instead of adding them up).
 *
 * <p>Payloads and metadata are deserialized on the reading thread (Axon deserializes them lazily, on first use).
 * At most {@code QUEUED_CHUNKS} chunks wait between the threads, so memory stays bounded by the chunk size, not
 * the store's size. Reading stops at the first event past the fence's position: nothing after it can be covered.
 * A failure while reading reaches the caller of {@link #nextChunk}; {@link #close} stops the reader.
 */
final class ChunkedEventReader implements AutoCloseable {

    private static final int QUEUED_CHUNKS = 2;

    /** What the reader hands over: a chunk, the end of the events, or the failure that stopped it. */
    private record Handover(List<TrackedEventMessage<?>> events, Throwable failure) {
        static final Handover END = new Handover(List.of(), null);
    }

    private final EventStorageEngine storage;
    private final TrackingToken fence;
    private final int chunkSize;
    private final BlockingQueue<Handover> queue = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
    private final Thread reader;
    private volatile boolean closed;
    private boolean ended;

    ChunkedEventReader(EventStorageEngine storage, TrackingToken fence, int chunkSize) {
        this.storage = storage;
        this.fence = fence;
        this.chunkSize = chunkSize;
        this.reader = new Thread(this::readAll, "view-rebuild-reader");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /**
     * The next chunk of covered events, waiting for the reader if it is behind; empty once every covered event was
     * returned.
     */
    List<TrackedEventMessage<?>> nextChunk() throws InterruptedException {
        if (ended) {
            return List.of();
        }
        Handover handover = queue.take();
        if (handover.failure() != null) {
            ended = true;
            throw new IllegalStateException("Reading the event store for the rebuild failed", handover.failure());
        }
        if (handover == Handover.END) {
            ended = true;
        }
        return handover.events();
    }

    /**
     * Stops the reader at its next event. It is not interrupted: an interrupt during a file read can close an
     * embedded H2 database (its file channel closes), so the reader checks a flag instead and gives up handing
     * over a chunk nobody will take.
     */
    @Override
    public void close() {
        closed = true;
        queue.clear();
        try {
            reader.join(30_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the reading thread still runs; for tests. */
    boolean readerAlive() {
        return reader.isAlive();
    }

    private void readAll() {
        try {
            Handover last = read();
            hand(last);
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } catch (Throwable failure) {
            // Errors too: a reader that ended without a word would leave the applying thread waiting forever.
            try {
                hand(new Handover(List.of(), failure));
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Handover read() throws InterruptedException {
        if (fence == null) {
            return Handover.END;
        }
        OptionalLong fencePosition = fence.position();
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            List<TrackedEventMessage<?>> chunk = new ArrayList<>(chunkSize);
            while (!closed && iterator.hasNext()) {
                TrackedEventMessage<?> event = iterator.next();
                if (isPast(event, fencePosition)) {
                    break;
                }
                if (fence.covers(event.trackingToken())) {
                    event.getPayload();
                    event.getMetaData();
                    chunk.add(event);
                    if (chunk.size() == chunkSize) {
                        hand(new Handover(chunk, null));
                        chunk = new ArrayList<>(chunkSize);
                    }
                }
            }
            if (!chunk.isEmpty()) {
                hand(new Handover(chunk, null));
            }
        }
        return Handover.END;
    }

    private static boolean isPast(TrackedEventMessage<?> event, OptionalLong fencePosition) {
        OptionalLong position = event.trackingToken().position();
        return fencePosition.isPresent() && position.isPresent() && position.getAsLong() > fencePosition.getAsLong();
    }

    private void hand(Handover handover) throws InterruptedException {
        while (!closed) {
            if (queue.offer(handover, 100, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }
}
