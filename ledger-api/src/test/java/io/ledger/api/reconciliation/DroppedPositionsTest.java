package io.ledger.api.reconciliation;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DroppedPositionsTest {

    private static GapAwareTrackingToken token(long index, Long... gaps) {
        return GapAwareTrackingToken.newInstance(index, Set.of(gaps));
    }

    @Test
    void theNextEventInLineDropsNothing() {
        assertThat(DroppedPositions.between(token(10), token(11))).isEmpty();
    }

    @Test
    void anEventBeyondAnOpenPositionKeepsItAsAGapAndDropsNothing() {
        assertThat(DroppedPositions.between(token(10), token(12, 11L))).isEmpty();
    }

    @Test
    void anEventFillingAGapDropsNothing() {
        assertThat(DroppedPositions.between(token(12, 11L), token(12))).isEmpty();
    }

    @Test
    void anEventFillingAGapIsDeliveredAtItsOwnPositionNotAtTheHighestIndexSeen() {
        // Positions 661 to 665 committed after 666 to 668 (as the bank test saw): 662 arrives with a token whose
        // position() is still 668.
        GapAwareTrackingToken before = token(668, 661L, 662L, 663L, 664L, 665L);
        GapAwareTrackingToken after = before.advanceTo(662, 1_000);

        assertThat(after.position()).hasValue(668);
        assertThat(DroppedPositions.deliveredPosition(before, after)).hasValue(662);
    }

    @Test
    void anEventInLineIsDeliveredAtTheNewIndex() {
        assertThat(DroppedPositions.deliveredPosition(token(10), token(12, 11L))).hasValue(12);
    }

    @Test
    void withoutAGapAwarePredecessorTheDeliveredPositionIsUnknown() {
        assertThat(DroppedPositions.deliveredPosition(null, token(3))).isEmpty();
    }

    @Test
    void aGapCleanedAwayByTimeIsDropped() {
        GapAwareTrackingToken before = token(12, 5L, 11L);
        GapAwareTrackingToken after = before.withGapsTruncatedAt(6).advanceTo(13, 1_000);

        assertThat(DroppedPositions.between(before, after)).containsExactly(5L);
    }

    @Test
    void aGapCleanedAwayWhileAnotherIsFilledDropsOnlyTheCleanedOne() {
        GapAwareTrackingToken before = token(12, 5L, 11L);
        GapAwareTrackingToken after = before.withGapsTruncatedAt(6).advanceTo(11, 1_000);

        assertThat(DroppedPositions.between(before, after)).containsExactly(5L);
    }

    @Test
    void positionsFurtherBehindThanTheMaximumGapOffsetAreDropped() {
        GapAwareTrackingToken after = token(10).advanceTo(20, 5);

        assertThat(DroppedPositions.between(token(10), after)).containsExactly(11L, 12L, 13L, 14L);
    }

    @Test
    void aStreamStartedFromNothingHasNothingToCompare() {
        assertThat(DroppedPositions.between(null, token(3, 1L, 2L))).isEmpty();
    }

    @Test
    void aReplayTokenIsComparedByTheTokenItWraps() {
        ReplayToken replay = (ReplayToken) ReplayToken.createReplayToken(token(20), token(10, 7L));
        GapAwareTrackingToken after = token(10, 7L).withGapsTruncatedAt(8).advanceTo(11, 1_000);

        assertThat(DroppedPositions.between(replay, after)).containsExactly(7L);
    }

    @Test
    void tokensThatAreNotGapAwareAreNotCompared() {
        assertThat(DroppedPositions.between(new GlobalSequenceTrackingToken(3), new GlobalSequenceTrackingToken(9)))
                .isEqualTo(List.of());
    }
}
