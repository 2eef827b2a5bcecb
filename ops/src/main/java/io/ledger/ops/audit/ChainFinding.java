package io.ledger.ops.audit;

/**
 * One thing verify-chain found wrong, with where it is: the global index and stream position of the event, or
 * the checkpoint whose range it lies in. Fields that do not apply are absent.
 */
public record ChainFinding(Kind kind, Long globalIndex, String aggregateIdentifier, Long sequenceNumber,
                           Long checkpointNumber, String detail) {

    public enum Kind {
        /** An event's stored content or chain hash is not what was written. */
        MODIFIED,
        /** An event that was written is gone. */
        DELETED,
        /** An event is there that the service did not write. */
        INSERTED,
        /** The chain of checkpoints itself is inconsistent: altered, removed or reordered checkpoints. */
        BROKEN_CHECKPOINT,
        /** A checkpoint's signature is missing or was not made with the signing key. */
        BAD_SIGNATURE
    }

    static ChainFinding atEvent(Kind kind, long globalIndex, String aggregateIdentifier, long sequenceNumber,
                                String detail) {
        return new ChainFinding(kind, globalIndex, aggregateIdentifier, sequenceNumber, null, detail);
    }

    static ChainFinding atCheckpoint(Kind kind, long checkpointNumber, String detail) {
        return new ChainFinding(kind, null, null, null, checkpointNumber, detail);
    }

    /** One line of the report: kind, position, explanation. */
    public String line() {
        StringBuilder line = new StringBuilder(kind.name());
        if (globalIndex != null) {
            line.append(" global-index=").append(globalIndex);
        }
        if (aggregateIdentifier != null) {
            line.append(" stream=").append(aggregateIdentifier).append(" sequence=").append(sequenceNumber);
        }
        if (checkpointNumber != null) {
            line.append(" checkpoint=").append(checkpointNumber);
        }
        return line.append(": ").append(detail).toString();
    }
}
