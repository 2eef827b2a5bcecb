package io.ledger.query.chain;

/**
 * One link of the ledger-wide chain: it covers the events with afterGlobalIndex &lt; globalIndex &lt;=
 * lastGlobalIndex (see {@link io.ledger.core.chain.CheckpointHash}).
 *
 * @param createdAt when the checkpointer wrote it (an ISO-8601 instant); informative, not covered by the hash
 * @param signature HMAC-SHA256 of the hash under the signing key; absent when no key was configured
 */
public record Checkpoint(long number, long afterGlobalIndex, long lastGlobalIndex, long eventCount, byte[] hash,
                         byte[] signature, String createdAt) {
}
