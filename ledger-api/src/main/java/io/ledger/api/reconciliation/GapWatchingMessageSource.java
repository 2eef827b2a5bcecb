package io.ledger.api.reconciliation;

import io.ledger.query.statement.StatementProjection;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The event store as one view's processor sees it, with a record of every position the processor passes without
 * an event there (see {@link DroppedPositions}). The record is written before the event that passes the position
 * reaches the processor, so before the processor's token can cover it: no dropped position goes unrecorded. If the
 * record cannot be written, the processor gets the error and retries from its stored token.
 */
public final class GapWatchingMessageSource extends StoreMessageSource {

    private final String view;
    private final DroppedGapStore droppedGaps;
    private final Clock clock;

    public GapWatchingMessageSource(StreamableMessageSource<TrackedEventMessage<?>> store, String view,
                                    DroppedGapStore droppedGaps, Clock clock) {
        super(store);
        this.view = view;
        this.droppedGaps = droppedGaps;
        this.clock = clock;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken from) {
        return new WatchingStream(store.openStream(from), from);
    }

    /**
     * Compares each event's token with the one before it. It does not pass on requests to skip payload types:
     * an event skipped that way would look like a dropped position.
     */
    private final class WatchingStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> events;
        private TrackingToken last;

        WatchingStream(BlockingStream<TrackedEventMessage<?>> events, TrackingToken from) {
            this.events = events;
            this.last = from;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return events.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return events.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            TrackedEventMessage<?> event = events.nextAvailable();
            Instant now = clock.instant();
            for (long position : DroppedPositions.between(last, event.trackingToken())) {
                droppedGaps.record(view, position, now);
            }
            OptionalLong own = DroppedPositions.deliveredPosition(last, event.trackingToken());
            last = event.trackingToken();
            // The statement view records each entry's event position; tell it the event's own (see EVENT_POSITION).
            // Only the event store's tracked domain events carry the ledger's events; anything else passes as is.
            if (own.isEmpty() || !(event instanceof GenericTrackedDomainEventMessage<?> domainEvent)) {
                return event;
            }
            return domainEvent.andMetaData(Map.of(StatementProjection.EVENT_POSITION, own.getAsLong()));
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return events.setOnAvailableCallback(callback);
        }

        @Override
        public void close() {
            events.close();
        }
    }
}
