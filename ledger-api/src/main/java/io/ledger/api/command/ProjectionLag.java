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
