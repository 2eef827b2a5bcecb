package io.ledger.core.chain;

/**
 * The ledger-wide chain over the global order. Checkpoint k covers every event whose global index lies in
 * (last index of checkpoint k-1, last index of checkpoint k] and its hash is SHA-256 over checkpoint k-1's hash
 * (32 zero bytes before the first), then for each covered event in global order its global index, stream, sequence
 * number and chain hash, then the checkpoint's number, range and event count. So a checkpoint pins down which
 * events exist in its range, in which order, with which content: an event added, removed, reordered or altered
 * in a covered range changes the hash, as does dropping or altering an earlier checkpoint.
 *
 * <p>Fed one event at a time, it needs constant memory however many events a checkpoint covers.
 */
public final class CheckpointHash {

    private static final String DOMAIN_TAG = "ledger.checkpoint-chain.v1";

    private final CanonicalDigest digest;
    private long eventCount;

    private CheckpointHash(byte[] previousCheckpointHash) {
        if (previousCheckpointHash == null || previousCheckpointHash.length != EventHash.LENGTH_BYTES) {
            throw new IllegalArgumentException("A previous checkpoint hash has " + EventHash.LENGTH_BYTES + " bytes");
        }
        digest = new CanonicalDigest(DOMAIN_TAG).bytes(previousCheckpointHash);
    }

    /** Starts the checkpoint that follows the one with this hash ({@link EventHash#genesis()} for the first). */
    public static CheckpointHash after(byte[] previousCheckpointHash) {
        return new CheckpointHash(previousCheckpointHash);
    }

    /** Adds the next covered event; chainHash is absent for events stored before the chain existed. */
    public CheckpointHash add(long globalIndex, String aggregateIdentifier, long sequenceNumber, byte[] chainHash) {
        digest.number(globalIndex).text(aggregateIdentifier).number(sequenceNumber).bytes(chainHash);
        eventCount++;
        return this;
    }

    public long eventCount() {
        return eventCount;
    }

    /** The checkpoint's hash; the hash cannot be fed any further afterwards. */
    public byte[] finish(long checkpointNumber, long afterGlobalIndex, long lastGlobalIndex) {
        return digest.number(checkpointNumber).number(afterGlobalIndex).number(lastGlobalIndex).number(eventCount)
                .finish();
    }
}
