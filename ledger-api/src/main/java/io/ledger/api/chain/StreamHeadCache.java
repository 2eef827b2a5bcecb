package io.ledger.api.chain;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.Map;

/**
 * The last committed chain hash of recently appended streams, so that the next append to a busy account need
 * not read its predecessor's hash back from the event store.
 *
 * <p>Only hashes of committed events are put here (after the appending transaction commits), and an entry is
 * used only for the event that directly follows it: a committed row never changes under a legal writer, so a
 * hit is exactly what the store would answer. An entry that is behind (another node appended since) is simply
 * not used: its sequence number does not match, and the store is asked.
 */
public final class StreamHeadCache {

    /** A stream's last committed event: its sequence number and chain hash. */
    public record Head(long sequenceNumber, byte[] chainHash) {
    }

    private final Cache<String, Head> heads;

    /** @param entries the most streams remembered; 0 remembers none (every predecessor is read) */
    public StreamHeadCache(int entries) {
        this.heads = Caffeine.newBuilder().maximumSize(Math.max(0, entries)).build();
    }

    /** The chain hash of {@code sequenceNumber} of the stream, if that is the stream's last remembered event. */
    byte[] hashOf(String aggregateIdentifier, long sequenceNumber) {
        Head head = heads.getIfPresent(aggregateIdentifier);
        return head != null && head.sequenceNumber() == sequenceNumber ? head.chainHash() : null;
    }

    /**
     * Forgets every head, so that each stream's next append reads its predecessor from the store: for a store
     * whose rows were changed by hand (or by a test) while this node ran.
     */
    public void forgetAll() {
        heads.invalidateAll();
    }

    /** Remembers committed heads; an older head never replaces a newer one. */
    void committed(Map<String, Head> committedHeads) {
        committedHeads.forEach((stream, head) -> heads.asMap().merge(stream, head,
                (known, offered) -> offered.sequenceNumber() > known.sequenceNumber() ? offered : known));
    }
}
