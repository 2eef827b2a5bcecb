package io.ledger.core.chain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointHashTest {

    private static final byte[] HASH_A = filled(1);
    private static final byte[] HASH_B = filled(2);

    @Test
    void theSameEventsInTheSameOrderGiveTheSameCheckpoint() {
        assertThat(checkpoint(1, 2)).isEqualTo(checkpoint(1, 2));
    }

    @Test
    void eventsInAnotherOrderGiveAnotherCheckpoint() {
        byte[] swapped = CheckpointHash.after(EventHash.genesis())
                .add(2, "b", 0, HASH_B).add(1, "a", 0, HASH_A).finish(1, 0, 2);
        assertThat(swapped).isNotEqualTo(checkpoint(1, 2));
    }

    @Test
    void aMissingEventChangesTheCheckpointAndItsCount() {
        CheckpointHash one = CheckpointHash.after(EventHash.genesis()).add(1, "a", 0, HASH_A);
        assertThat(one.eventCount()).isEqualTo(1);
        assertThat(one.finish(1, 0, 2)).isNotEqualTo(checkpoint(1, 2));
    }

    @Test
    void theCheckpointDependsOnItsPredecessorNumberAndRange() {
        byte[] base = checkpoint(1, 2);
        assertThat(CheckpointHash.after(filled(9)).add(1, "a", 0, HASH_A).add(2, "b", 0, HASH_B).finish(1, 0, 2))
                .isNotEqualTo(base);
        assertThat(CheckpointHash.after(EventHash.genesis()).add(1, "a", 0, HASH_A).add(2, "b", 0, HASH_B)
                .finish(2, 0, 2)).isNotEqualTo(base);
        assertThat(CheckpointHash.after(EventHash.genesis()).add(1, "a", 0, HASH_A).add(2, "b", 0, HASH_B)
                .finish(1, 0, 3)).isNotEqualTo(base);
    }

    @Test
    void anEventWithoutAChainHashIsCoveredDistinctlyFromOneWithAnEmptyHash() {
        byte[] absent = CheckpointHash.after(EventHash.genesis()).add(1, "a", 0, null).finish(1, 0, 1);
        byte[] empty = CheckpointHash.after(EventHash.genesis()).add(1, "a", 0, new byte[0]).finish(1, 0, 1);
        assertThat(absent).isNotEqualTo(empty);
    }

    @Test
    void aPreviousHashOfTheWrongLengthIsRefused() {
        assertThatThrownBy(() -> CheckpointHash.after(new byte[5])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSignatureVerifiesOnlyUnderItsKeyAndForItsHash() {
        CheckpointSignature signer = new CheckpointSignature(filled(42));
        byte[] hash = checkpoint(1, 2);
        byte[] signature = signer.sign(hash);

        assertThat(signer.verifies(hash, signature)).isTrue();
        assertThat(signer.verifies(checkpoint(1, 3), signature)).isFalse();
        assertThat(signer.verifies(hash, null)).isFalse();
        assertThat(new CheckpointSignature(filled(43)).verifies(hash, signature)).isFalse();
    }

    @Test
    void aSigningKeyShorterThanThirtyTwoBytesIsRefused() {
        assertThatThrownBy(() -> new CheckpointSignature(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }

    private static byte[] checkpoint(long first, long second) {
        return CheckpointHash.after(EventHash.genesis())
                .add(first, "a", 0, HASH_A).add(second, "b", 0, HASH_B).finish(1, 0, second);
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
