package io.ledger.ops.audit;

import io.ledger.ops.store.StoredEvent;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;

/**
 * Feeds stored events to the read side's projection classes exactly as the service's event processors do: through
 * Axon's annotation adapter, as tracked domain event messages carrying the event's timestamp, sequence number and
 * global position. The projections are the service's own classes; only their stores differ.
 */
final class Projections {

    private Projections() {
    }

    /** An adapter that dispatches to the {@code @EventHandler} methods of {@code projection}. */
    static AnnotationEventHandlerAdapter adapt(Object projection) {
        return new AnnotationEventHandlerAdapter(projection);
    }

    /** The message a tracking processor would hand the projection for this row. */
    static TrackedEventMessage<?> message(StoredEvent event) {
        // The message identifier is never read by a projection; the position stands in for the stored UUID so
        // that no random identifier is generated per event.
        GenericMessage<Object> payload = new GenericMessage<>(Long.toString(event.globalIndex()), event.payload(),
                MetaData.emptyInstance());
        return new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(event.globalIndex()),
                event.aggregateType(), event.aggregateId(), event.sequenceNumber(), payload, event::recordedAt);
    }

    /** Applies the event to the projection; a projection that refuses it fails the replay with the event named. */
    static void apply(AnnotationEventHandlerAdapter projection, TrackedEventMessage<?> message, StoredEvent event) {
        try {
            projection.handle(message);
        } catch (Exception refused) {
            throw new ReplayException("Event " + event.globalIndex() + " (" + simpleName(event.payloadType())
                    + " of " + event.aggregateId() + ") was refused by " + projection.getTargetType().getSimpleName()
                    + ": " + refused.getMessage(), refused);
        }
    }

    static String simpleName(String payloadType) {
        return payloadType.substring(payloadType.lastIndexOf('.') + 1);
    }
}
