package io.ledger.core.chain;

import java.security.MessageDigest;

/**
 * The per-stream hash chain of the event log: an event's chain hash is SHA-256 over its predecessor's chain hash
 * in the same stream (32 zero bytes before sequence number 0) and every stored field of the event. The write side
 * computes it when it appends and the audit tool recomputes it from the stored rows, both with this class, so the
 * two can never disagree on the encoding. See docs/tamper-evidence.md.
 */
public final class EventHash {

    public static final int LENGTH_BYTES = 32;

    /** Version tag of the encoding: a future change of the fields hashed must change it. */
    private static final String DOMAIN_TAG = "ledger.event-chain.v1";

    private EventHash() {
    }

    /** The predecessor of every stream's first event. */
    public static byte[] genesis() {
        return new byte[LENGTH_BYTES];
    }

    public static byte[] of(byte[] previousHash, ChainedEvent event) {
        if (previousHash == null || previousHash.length != LENGTH_BYTES) {
            throw new IllegalArgumentException("A previous chain hash has " + LENGTH_BYTES + " bytes");
        }
        return new CanonicalDigest(DOMAIN_TAG)
                .bytes(previousHash)
                .text(event.eventIdentifier())
                .text(event.aggregateIdentifier())
                .number(event.sequenceNumber())
                .text(event.type())
                .text(event.payloadType())
                .text(event.payloadRevision())
                .text(event.timestamp())
                .bytes(event.payload())
                .bytes(event.metadata())
                .finish();
    }

    /** Whether a stored hash is the one expected; in constant time. */
    public static boolean matches(byte[] expected, byte[] stored) {
        return stored != null && MessageDigest.isEqual(expected, stored);
    }

    public static String hex(byte[] hash) {
        if (hash == null) {
            return "none";
        }
        StringBuilder text = new StringBuilder(hash.length * 2);
        for (byte b : hash) {
            text.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return text.toString();
    }
}
