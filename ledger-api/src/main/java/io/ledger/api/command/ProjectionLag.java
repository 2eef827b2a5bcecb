package io.ledger.api.command;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * How far each view is behind the event store: the head's position against the lowest position any segment of
 * the view's processor has reached on this node.
 */
@Component
public class ProjectionLag {

    /** One view (processing group) and its distance from the head of the event store, in events. */
    public record ViewLag(String view, long headPosition, long viewPosition, long lagEvents, boolean running) {
    }

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    public ProjectionLag(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    public List<ViewLag> views() {
        long head = position(eventStore.createHeadToken());
        List<ViewLag> lags = new ArrayList<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                long view = streaming.processingStatus().values().stream()
                        .map(EventTrackerStatus::getCurrentPosition)
                        .mapToLong(position -> position.orElse(-1))
                        .min().orElse(-1);
                lags.add(new ViewLag(name, head, view, Math.max(0, head - view), streaming.isRunning()));
            }
        });
        return lags;
    }

    /** The event store's head: a token covering every event committed so far. */
    public TrackingToken head() {
        return eventStore.createHeadToken();
    }

    /**
     * Whether the balance view on this node has reached {@code head}'s position. Positions, not full coverage:
     * a transaction that rolled back leaves a gap in the view's token until Axon's gap timeout, and waiting for it
     * would hold every write for the whole read-your-writes timeout. On a node that does not run the view's
     * processor (another node claimed its segment) this cannot be told here, and the answer is true; callers then
     * rely on what they can read.
     */
    public boolean balanceViewReached(TrackingToken head) {
        if (head == null) {
            return true;
        }
        long target = position(head);
        var processor = processing.eventProcessor("balances", StreamingEventProcessor.class);
        if (processor.isEmpty() || processor.get().processingStatus().isEmpty()) {
            return true;
        }
        return processor.get().processingStatus().values().stream()
                .allMatch(status -> status.getCurrentPosition().orElse(-1) >= target);
    }

    /** Whether every view has processed everything the event store holds right now. */
    public boolean allCaughtUp() {
        return views().stream().allMatch(view -> view.lagEvents() == 0);
    }

    private static long position(TrackingToken token) {
        if (token == null) {
            return -1;
        }
        OptionalLong position = token.position();
        return position.orElse(-1);
    }
}
