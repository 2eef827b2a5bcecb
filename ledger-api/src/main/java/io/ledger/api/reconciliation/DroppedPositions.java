package io.ledger.api.reconciliation;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Which positions of the global index a processor gave up on between two consecutive tokens of its event stream.
 *
 * <p>A gap-aware token covers every position up to its index except its gaps. From one event to the next, the
 * newly covered positions are the delivered event's own position and any gap the event store dropped (too old, or
 * too far behind). The delivered event is always the highest of them: Axon drops only the lowest gaps, below the
 * position it truncates at, while the event delivered is either beyond the old index or a gap that survived the
 * truncation. Everything newly covered but not delivered is a dropped position: no event was visible there when
 * the processor passed it. If an event appears there later, the processor has skipped it for good.
 */
final class DroppedPositions {

    private DroppedPositions() {
    }

    /**
     * The positions dropped on the way from {@code before} to {@code after}, lowest first; empty when either token
     * is not gap-aware (there is nothing to compare, and the stream starts afresh from the later one).
     */
    static List<Long> between(TrackingToken before, TrackingToken after) {
        List<Long> newlyCovered = newlyCovered(before, after);
        // The highest newly covered position is the event just delivered; the others were given up on.
        return newlyCovered.isEmpty() ? List.of() : List.copyOf(newlyCovered.subList(0, newlyCovered.size() - 1));
    }

    /**
     * The global position of the event whose token is {@code after}, delivered right after {@code before}; empty
     * when either token is not gap-aware. Unlike {@code after.position()}, which is the highest index seen so far,
     * this is right for an event that fills a gap (its transaction committed after later ones).
     */
    static OptionalLong deliveredPosition(TrackingToken before, TrackingToken after) {
        List<Long> newlyCovered = newlyCovered(before, after);
        return newlyCovered.isEmpty() ? OptionalLong.empty() : OptionalLong.of(newlyCovered.get(newlyCovered.size() - 1));
    }

    private static List<Long> newlyCovered(TrackingToken before, TrackingToken after) {
        if (!(WrappedToken.unwrapLowerBound(before) instanceof GapAwareTrackingToken from)
                || !(WrappedToken.unwrapLowerBound(after) instanceof GapAwareTrackingToken to)) {
            return List.of();
        }
        List<Long> newlyCovered = new ArrayList<>();
        for (long gap : from.getGaps()) {
            if (gap <= to.getIndex() && !to.getGaps().contains(gap)) {
                newlyCovered.add(gap);
            }
        }
        for (long position = from.getIndex() + 1; position <= to.getIndex(); position++) {
            if (!to.getGaps().contains(position)) {
                newlyCovered.add(position);
            }
        }
        return newlyCovered;
    }
}
