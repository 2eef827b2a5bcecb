package io.ledger.api.command;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class ChunkedEventReaderTest {

    private final AtomicInteger eventsRead = new AtomicInteger();

    @Test
    void handsOverTheCoveredEventsInStoreOrderInChunksThenNothing() throws Exception {
        try (ChunkedEventReader reader = new ChunkedEventReader(storeOf(events(0, 10)), fenceAt(9), 4)) {
            List<List<Long>> chunks = new ArrayList<>();
            for (List<TrackedEventMessage<?>> chunk = reader.nextChunk(); !chunk.isEmpty(); chunk = reader.nextChunk()) {
                chunks.add(chunk.stream().map(ChunkedEventReaderTest::position).toList());
            }

            assertThat(chunks).containsExactly(List.of(0L, 1L, 2L, 3L), List.of(4L, 5L, 6L, 7L), List.of(8L, 9L));
            assertThat(reader.nextChunk()).isEmpty();
        }
    }

    @Test
    void stopsReadingAtTheFirstEventPastTheFence() throws Exception {
        try (ChunkedEventReader reader = new ChunkedEventReader(storeOf(events(0, 1_000)), fenceAt(4), 100)) {
            assertThat(reader.nextChunk()).extracting(ChunkedEventReaderTest::position)
                    .containsExactly(0L, 1L, 2L, 3L, 4L);
            assertThat(reader.nextChunk()).isEmpty();
        }
        assertThat(eventsRead.get()).as("events taken from the store").isEqualTo(6);
    }

    @Test
    void aFailureWhileReadingReachesTheApplyingThread() throws Exception {
        Stream<TrackedEventMessage<?>> failing = Stream.concat(events(0, 3), Stream.generate(() -> {
            throw new IllegalArgumentException("the store went away");
        }));
        try (ChunkedEventReader reader = new ChunkedEventReader(storeOf(failing), fenceAt(100), 2)) {
            assertThat(reader.nextChunk()).hasSize(2);

            assertThatThrownBy(reader::nextChunk).isInstanceOf(IllegalStateException.class)
                    .hasRootCauseMessage("the store went away");
            assertThat(reader.nextChunk()).as("after the failure, nothing more").isEmpty();
        }
    }

    @Test
    void anErrorWhileReadingReachesTheApplyingThreadInsteadOfLeavingItWaiting() {
        Stream<TrackedEventMessage<?>> failing = Stream.generate(() -> {
            throw new StackOverflowError("deep payload");
        });
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try (ChunkedEventReader reader = new ChunkedEventReader(storeOf(failing), fenceAt(100), 2)) {
                assertThatThrownBy(reader::nextChunk).isInstanceOf(IllegalStateException.class)
                        .hasRootCauseInstanceOf(StackOverflowError.class);
            }
        });
    }

    @Test
    void closingStopsAReaderThatWaitsForRoomWithoutInterruptingIt() throws Exception {
        ChunkedEventReader reader = new ChunkedEventReader(storeOf(events(0, 1_000_000)), fenceAt(2_000_000), 10);
        assertThat(reader.nextChunk()).hasSize(10);

        long started = System.nanoTime();
        reader.close();

        assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds to stop").isLessThan(5_000);
        assertThat(eventsRead.get()).as("the reader stopped early").isLessThan(1_000);
        assertThat(reader.readerAlive()).as("the reading thread ended").isFalse();
    }

    private EventStorageEngine storeOf(Stream<TrackedEventMessage<?>> events) {
        EventStorageEngine storage = mock(EventStorageEngine.class);
        Stream<TrackedEventMessage<?>> counted = events.peek(event -> eventsRead.incrementAndGet());
        when(storage.readEvents(any(), anyBoolean())).thenAnswer(call -> counted);
        return storage;
    }

    private static Stream<TrackedEventMessage<?>> events(long from, long count) {
        return LongStream.range(from, from + count).mapToObj(position -> new GenericTrackedEventMessage<>(
                new GlobalSequenceTrackingToken(position), GenericEventMessage.asEventMessage("event " + position)));
    }

    private static TrackingToken fenceAt(long position) {
        return new GlobalSequenceTrackingToken(position);
    }

    private static long position(TrackedEventMessage<?> event) {
        return event.trackingToken().position().orElseThrow();
    }
}
