package io.ledger.query.chain;

/** One event's place in the event chain: what a checkpoint covers of it, and when it was stamped. */
public record ChainLink(long globalIndex, String aggregateIdentifier, long sequenceNumber, String timestamp,
                        byte[] chainHash) {
}
