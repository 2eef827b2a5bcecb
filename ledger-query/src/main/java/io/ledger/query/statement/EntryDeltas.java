package io.ledger.query.statement;

import io.ledger.core.statement.EntryType;

/** What one entry changes: posted, pending debits and pending credits, in that order. */
final class EntryDeltas {

    private EntryDeltas() {
    }

    static long[] of(EntryType type, long amountMinor) {
        return switch (type) {
            case OPENED -> new long[] {0, 0, 0};
            case DEBIT -> new long[] {-amountMinor, 0, 0};
            case CREDIT -> new long[] {amountMinor, 0, 0};
            case PENDING_DEBIT -> new long[] {0, amountMinor, 0};
            case PENDING_DEBIT_RELEASED -> new long[] {0, -amountMinor, 0};
            case PENDING_CREDIT -> new long[] {0, 0, amountMinor};
            case PENDING_CREDIT_RELEASED -> new long[] {0, 0, -amountMinor};
        };
    }
}
