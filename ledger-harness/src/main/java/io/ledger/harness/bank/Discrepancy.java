package io.ledger.harness.bank;

/** Something the store says that contradicts what the ledger answered, about one operation id. */
public record Discrepancy(Kind kind, String id, String reason) {

    public enum Kind {
        /** Acknowledged, but not (or not wholly) in the store. */
        LOST,
        /** In the store more than once. */
        DUPLICATED,
        /** In the store although refused, or although no client ever asked for it. */
        PHANTOM,
        /** In the store once, but not as it was asked for (another amount or other accounts). */
        ALTERED
    }
}
