package io.ledger.api.reconciliation;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class PositionOrderedMessageSourceTest {

    private static final Duration SETTLE = Duration.ofSeconds(10);

    private final SettableClock clock = new SettableClock();
    /** What the event store delivers, in commit order, with the tokens Axon's gap-aware store would give. */
    private final CommitOrderStore store = new CommitOrderStore();

    private BlockingStream<TrackedEventMessage<?>> openFrom(GapAwareTrackingToken token) {
        store.resumeFrom(token);
        return new PositionOrderedMessageSource(store, SETTLE, clock).openStream(token);
    }

    @Test
    void eventsCommittedInPositionOrderPassAtOnce() throws Exception {
        var ordered = openFrom(null);
        store.commit(1, 2, 3);

        assertThat(drain(ordered)).containsExactly("e1 @ 1 gaps []", "e2 @ 2 gaps []", "e3 @ 3 gaps []");
    }

    @Test
    void anEventCommittedBeforeALowerPositionWaitsForIt() throws Exception {
        var ordered = openFrom(token(10));
        store.commit(12);

        assertThat(drain(ordered)).isEmpty();

        store.commit(11);
        assertThat(drain(ordered)).containsExactly("e11 @ 11 gaps []", "e12 @ 12 gaps []");
    }

    @Test
    void theSettleTimeRunsFromWhenTheHigherPositionWasSeenNotFromWhenItWasStamped() throws Exception {
        var ordered = openFrom(token(10));
        store.commit(12);
        clock.advance(SETTLE);

        // First seen only now: position 11 may still be filled for another settle time.
        assertThat(drain(ordered)).isEmpty();
    }

    @Test
    void aPositionThatIsNeverFilledIsGivenUpOnOnceTheSettleTimeHasPassedSinceAHigherOneWasSeen() throws Exception {
        var ordered = openFrom(token(10));
        store.commit(12);
        assertThat(drain(ordered)).isEmpty();

        clock.advance(SETTLE.minusMillis(1));
        assertThat(drain(ordered)).isEmpty();

        clock.advance(Duration.ofMillis(1));
        // Position 11 leaves the token without an event: the gap watcher above records it as dropped.
        assertThat(drain(ordered)).containsExactly("e12 @ 12 gaps []");
    }

    @Test
    void eachOpenPositionSettlesFromTheFirstSightOfAPositionAboveIt() throws Exception {
        var ordered = openFrom(token(10));
        store.commit(12);
        assertThat(drain(ordered)).isEmpty();
        clock.advance(Duration.ofSeconds(8));
        store.commit(14);
        assertThat(drain(ordered)).isEmpty();

        clock.advance(Duration.ofSeconds(2));
        // 11 was allocated before 12 was seen, ten seconds ago; 13 only before 14 was seen, two seconds ago.
        assertThat(drain(ordered)).containsExactly("e12 @ 12 gaps []");

        store.commit(13);
        assertThat(drain(ordered)).containsExactly("e13 @ 13 gaps []", "e14 @ 14 gaps []");
    }

    @Test
    void aPositionTheEventStoreGaveUpOnIsNotWaitedFor() throws Exception {
        var ordered = openFrom(token(10));
        store.commit(12);
        store.dropGapsBelow(12);
        store.commit(13);

        assertThat(drain(ordered)).containsExactly("e12 @ 12 gaps []", "e13 @ 13 gaps []");
    }

    @Test
    void anEventFillingAGapOfTheOpeningTokenPassesAtOnceAndKeepsTheOtherGaps() throws Exception {
        var ordered = openFrom(token(20, 15L, 17L));
        store.commit(17);

        assertThat(drain(ordered)).containsExactly("e17 @ 20 gaps [15]");
    }

    @Test
    void anEventCommittedAfterItsPositionWasGivenUpOnIsNotDelivered() throws Exception {
        var ordered = openFrom(token(10));
        store.commit(12);
        assertThat(drain(ordered)).isEmpty();
        clock.advance(SETTLE);
        assertThat(drain(ordered)).containsExactly("e12 @ 12 gaps []");

        store.commit(11);
        store.commit(13);
        assertThat(drain(ordered)).containsExactly("e13 @ 13 gaps []");
    }

    @Test
    void peekShowsTheEventNextInPositionOrderWithoutTakingIt() throws Exception {
        var ordered = openFrom(token(10));
        store.commit(12, 11);

        assertThat(ordered.peek()).hasValueSatisfying(e -> assertThat(e.getPayload()).isEqualTo("e11"));
        assertThat(ordered.nextAvailable().getPayload()).isEqualTo("e11");
        assertThat(ordered.peek()).hasValueSatisfying(e -> assertThat(e.getPayload()).isEqualTo("e12"));
    }

    private static List<String> drain(BlockingStream<TrackedEventMessage<?>> ordered) throws InterruptedException {
        List<String> delivered = new ArrayList<>();
        while (ordered.hasNextAvailable(0, TimeUnit.MILLISECONDS)) {
            TrackedEventMessage<?> event = ordered.nextAvailable();
            GapAwareTrackingToken token = (GapAwareTrackingToken) event.trackingToken();
            delivered.add(event.getPayload() + " @ " + token.getIndex() + " gaps " + token.getGaps());
        }
        return delivered;
    }

    private static GapAwareTrackingToken token(long index, Long... gaps) {
        return GapAwareTrackingToken.newInstance(index, Set.of(gaps));
    }

    /** Delivers committed events with cumulative gap-aware tokens, as Axon's JDBC store does. */
    private static final class CommitOrderStore implements StreamableMessageSource<TrackedEventMessage<?>>,
            BlockingStream<TrackedEventMessage<?>> {

        private final ArrayDeque<TrackedEventMessage<?>> committed = new ArrayDeque<>();
        private GapAwareTrackingToken last = token(0);

        void resumeFrom(GapAwareTrackingToken token) {
            last = token == null ? token(0) : token;
        }

        void commit(long... positions) {
            for (long position : positions) {
                last = last.advanceTo(position, 1_000_000);
                committed.add(new GenericTrackedEventMessage<>(last, GenericEventMessage.asEventMessage("e" + position)));
            }
        }

        void dropGapsBelow(long position) {
            last = last.withGapsTruncatedAt(position);
        }

        @Override
        public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
            return this;
        }

        @Override
        public java.util.Optional<TrackedEventMessage<?>> peek() {
            return java.util.Optional.ofNullable(committed.peek());
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) {
            return !committed.isEmpty();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() {
            return committed.poll();
        }

        @Override
        public void close() {
        }
    }

    private static final class SettableClock extends Clock {

        private Instant now = Instant.parse("2026-06-30T17:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
