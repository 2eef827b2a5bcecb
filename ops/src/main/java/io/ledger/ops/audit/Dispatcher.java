package io.ledger.ops.audit;

import io.ledger.ops.store.StoredEvent;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.annotation.AnnotatedHandlerInspector;
import org.axonframework.messaging.annotation.ClasspathHandlerDefinition;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MessageHandlerInterceptorMemberChain;
import org.axonframework.messaging.annotation.MessageHandlingMember;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Hands events to a projection's {@code @EventHandler} methods as Axon's {@code AnnotationEventHandlerAdapter}
 * does (the same inspection of the class, the same handler members, parameter resolvers and interceptor chain),
 * but chooses the handler once per payload class instead of searching the handler list for every event: that
 * search (a stream over every handler, each asked whether it can handle the message) cost as much as the handlers.
 *
 * <p>Which handler can handle a message depends on the message's kind and payload class and on whether each
 * parameter can be resolved from it; a replay hands every projection only tracked domain event messages, from
 * which every parameter the projections declare (payload, {@code @Timestamp}, {@code @SequenceNumber}, tracking
 * token, {@code MetaData}) resolves, so the choice is the same for every event of one payload class.
 * Not thread-safe: a replay applies events on one thread.
 */
final class Dispatcher {

    private final Object projection;
    private final Class<Object> type;
    private final AnnotatedHandlerInspector<Object> inspector;
    private final MessageHandlerInterceptorMemberChain<Object> interceptors;
    private final Map<Class<?>, Optional<MessageHandlingMember<? super Object>>> handlerByPayload = new HashMap<>();

    @SuppressWarnings("unchecked")
    Dispatcher(Object projection) {
        this.projection = projection;
        this.type = (Class<Object>) projection.getClass();
        // As AnnotationEventHandlerAdapter(Object) sets itself up.
        this.inspector = AnnotatedHandlerInspector.inspectType(type, ClasspathParameterResolverFactory.forClass(type),
                ClasspathHandlerDefinition.forClass(type));
        this.interceptors = inspector.chainedInterceptor(type);
    }

    /** Applies the event; a projection that refuses it fails the replay with the event named. */
    void apply(TrackedEventMessage<?> message, StoredEvent event) {
        Optional<MessageHandlingMember<? super Object>> handler = handlerByPayload.get(message.getPayloadType());
        if (handler == null) {
            handler = inspector.getHandlers(type).filter(h -> h.canHandle(message)).findFirst();
            handlerByPayload.put(message.getPayloadType(), handler);
        }
        if (handler.isEmpty()) {
            return;
        }
        try {
            interceptors.handle(message, projection, handler.get());
        } catch (Exception refused) {
            throw new ReplayException("Event " + event.globalIndex() + " (" + Projections.simpleName(event.payloadType())
                    + " of " + event.aggregateId() + ") was refused by " + type.getSimpleName()
                    + ": " + refused.getMessage(), refused);
        }
    }
}
