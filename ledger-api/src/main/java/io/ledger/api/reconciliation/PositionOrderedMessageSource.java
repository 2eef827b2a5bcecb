package io.ledger.api.reconciliation;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The event store in global-position order, for a view whose answers depend on the order in which it sees events
 * (the compliance view: whether a transfer completes a structuring pattern depends on which transfers came
 * before it). The event store delivers events in commit order, and concurrent transactions commit out of
 * position order; a replay (the audit tool, a rebuild) reads them in position order. Fed in commit order, the
 * live view could raise an alert the replay does not, or number the same alerts differently.
 *
 * <p>So this stream holds back an event while a lower position is still open, until either the event there
 * arrives or the position can no longer be filled. A position is open because its transaction has not committed
 * yet or never will (it rolled back). It can no longer be filled once {@code settle} has passed since an event at
 * a higher position was first seen: positions are allocated in order, so the open position's transaction had
 * inserted its event before that higher event was inserted, and a write transaction commits within
 * {@link io.ledger.api.config.StoreProperties#longestWriteTransaction()} of its insert or is cut off.
 *
 * <p>The price is latency, not throughput: after a rolled-back write the view waits up to {@code settle} and then
 * takes everything that arrived meanwhile at once. Positions given up on leave the token without an event, so a
 * {@link GapWatchingMessageSource} on top records them as dropped and the reconciliation check would report an
 * event that still appeared there (it is not delivered: the view has moved past it, as with Axon's own gap
 * timeout).
 *
 * <p>Each delivered event carries a token with no gaps of its own making: everything up to it was delivered or
 * given up on. A stream opened from a token of another kind (a replay of the view) is passed through unordered.
 */
public final class PositionOrderedMessageSource extends StoreMessageSource {

    private static final Logger LOG = LoggerFactory.getLogger(PositionOrderedMessageSource.class);

    private final Duration settle;
    private final Clock clock;

    public PositionOrderedMessageSource(StreamableMessageSource<TrackedEventMessage<?>> store, Duration settle,
                                        Clock clock) {
        super(store);
        this.settle = settle;
        this.clock = clock;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken from) {
        if (from != null && !(from instanceof GapAwareTrackingToken)) {
            LOG.warn("Opening an unordered stream from {}: only a gap-aware token can be followed in position "
                    + "order", from);
            return store.openStream(from);
        }
        return new OrderedStream(store.openStream(from), (GapAwareTrackingToken) from);
    }

    private final class OrderedStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> arrivals;
        /** The token of the last event read from {@code arrivals}, to tell each event's own position. */
        private TrackingToken lastArrival;
        /** Everything up to its index was delivered or given up on, except its gaps (from the opening token). */
        private GapAwareTrackingToken delivered;
        /** Events read but held back, by position; all above {@code delivered}'s index. */
        private final TreeMap<Long, TrackedEventMessage<?>> held = new TreeMap<>();
        /** Events that fill a gap of the opening token: everything around them was delivered before. */
        private final ArrayDeque<Map.Entry<Long, TrackedEventMessage<?>>> fillingOpeningGaps = new ArrayDeque<>();
        /** Positions above {@code delivered}'s index that the event store itself gave up on. */
        private final TreeSet<Long> givenUpByStore = new TreeSet<>();
        /** When each new highest position was first seen: every lower position was allocated before then. */
        private final TreeMap<Long, Instant> highestSeenAt = new TreeMap<>();
        /** The next event to deliver, under the token it is delivered with, once known. */
        private TrackedEventMessage<?> next;

        OrderedStream(BlockingStream<TrackedEventMessage<?>> arrivals, GapAwareTrackingToken from) {
            this.arrivals = arrivals;
            // The store numbers positions from 1: a stream from nothing has covered position 0.
            GapAwareTrackingToken start = from == null ? GapAwareTrackingToken.newInstance(0, Set.of()) : from;
            this.lastArrival = start;
            this.delivered = start;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            readArrived();
            return Optional.ofNullable(nextReady());
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (true) {
                readArrived();
                if (nextReady() != null) {
                    return true;
                }
                long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remainingMillis <= 0) {
                    return false;
                }
                // Wake on a new arrival, or when the open positions below the lowest held event settle.
                long wait = Math.min(remainingMillis, millisUntilOpenPositionsSettle());
                arrivals.hasNextAvailable((int) Math.max(1, wait), TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!hasNextAvailable(1, TimeUnit.SECONDS)) {
                // Blocks until an event may be delivered, as the contract asks.
            }
            TrackedEventMessage<?> event = next;
            next = null;
            delivered = (GapAwareTrackingToken) event.trackingToken();
            return event;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return arrivals.setOnAvailableCallback(callback);
        }

        @Override
        public void close() {
            arrivals.close();
        }

        /** Moves whatever the event store has already delivered into this stream's buffers, without waiting. */
        private void readArrived() {
            try {
                while (arrivals.hasNextAvailable(0, TimeUnit.MILLISECONDS)) {
                    arrived(arrivals.nextAvailable());
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        private void arrived(TrackedEventMessage<?> event) {
            TrackingToken token = event.trackingToken();
            List<Long> droppedByStore = DroppedPositions.between(lastArrival, token);
            long position = DroppedPositions.deliveredPosition(lastArrival, token).orElseThrow(
                    () -> new IllegalStateException("The event store delivered " + token + " after " + lastArrival
                            + ": not a gap-aware token, so the event's position is unknown"));
            lastArrival = token;
            highestSeenAt.putIfAbsent(WrappedToken.unwrapLowerBound(token).position().orElse(position),
                    clock.instant());
            for (long dropped : droppedByStore) {
                giveUp(dropped);
            }
            if (position > delivered.getIndex()) {
                held.put(position, event);
            } else if (delivered.getGaps().contains(position)) {
                fillingOpeningGaps.add(Map.entry(position, event));
            } else {
                LOG.error("The event at position {} committed after this view gave up on its position and is not "
                        + "applied to it; the reconciliation check reports it", position);
            }
        }

        private void giveUp(long position) {
            if (position > delivered.getIndex()) {
                givenUpByStore.add(position);
            } else if (delivered.getGaps().contains(position)) {
                // The next token delivered leaves it out, so the gap watcher above records it as dropped.
                delivered = GapAwareTrackingToken.newInstance(delivered.getIndex(),
                        without(delivered.getGaps(), position));
            }
        }

        /** The next event in position order if it may be delivered now, else null. */
        private TrackedEventMessage<?> nextReady() {
            if (next != null) {
                return next;
            }
            Map.Entry<Long, TrackedEventMessage<?>> filling = fillingOpeningGaps.poll();
            if (filling != null) {
                next = at(filling.getValue(), delivered.getIndex(), without(delivered.getGaps(), filling.getKey()));
                return next;
            }
            if (held.isEmpty() || highestUnsettledPosition(held.firstKey()) != null) {
                return null;
            }
            Map.Entry<Long, TrackedEventMessage<?>> lowest = held.pollFirstEntry();
            long position = lowest.getKey();
            givenUpByStore.headSet(position, true).clear();
            highestSeenAt.headMap(position, true).clear();
            next = at(lowest.getValue(), position, delivered.getGaps());
            return next;
        }

        /**
         * The highest position between what was delivered and {@code upTo} that is open and may still be filled,
         * or null if there is none. Whether a position has settled only depends on when a higher one was first
         * seen, which is never later for a lower position: if the highest open one has settled, all have.
         */
        private Long highestUnsettledPosition(long upTo) {
            for (long position = upTo - 1; position > delivered.getIndex(); position--) {
                if (givenUpByStore.contains(position)) {
                    continue;
                }
                return settlesAt(position).isAfter(clock.instant()) ? position : null;
            }
            return null;
        }

        private Instant settlesAt(long openPosition) {
            return highestSeenAt.higherEntry(openPosition).getValue().plus(settle);
        }

        private long millisUntilOpenPositionsSettle() {
            Long open = held.isEmpty() ? null : highestUnsettledPosition(held.firstKey());
            return open == null ? Long.MAX_VALUE : Duration.between(clock.instant(), settlesAt(open)).toMillis();
        }

        private static Set<Long> without(Set<Long> gaps, long position) {
            Set<Long> rest = new HashSet<>(gaps);
            rest.remove(position);
            return rest;
        }

        private static TrackedEventMessage<?> at(TrackedEventMessage<?> event, long index, Set<Long> gaps) {
            return event.withTrackingToken(GapAwareTrackingToken.newInstance(index, gaps));
        }
    }
}
