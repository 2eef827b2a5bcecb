package io.ledger.command;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;

import java.lang.reflect.Constructor;

/**
 * Rebuilds an aggregate from events outside any unit of work, through Axon's own model of its event sourcing
 * handlers. The fixture cannot hand out the exception it caught, so tests call a refused command handler on such
 * an instance to check the refusal's code; a refusal is thrown before {@code apply()}, which is why no aggregate
 * lifecycle is needed for it.
 */
public final class Replay {

    private Replay() {
    }

    public static <T> T aggregate(Class<T> type, Object... events) {
        AggregateModel<T> model = AnnotatedAggregateMetaModelFactory.inspectAggregate(type);
        T aggregate = instantiate(type);
        for (Object event : events) {
            model.publish(GenericEventMessage.asEventMessage(event), aggregate);
        }
        return aggregate;
    }

    private static <T> T instantiate(Class<T> type) {
        try {
            Constructor<T> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException impossible) {
            throw new IllegalStateException("Aggregate " + type.getSimpleName() + " has no no-argument constructor",
                    impossible);
        }
    }
}
