package io.ledger.query.compliance;

/** A count of movements and the exact sum of their amounts, in minor units. */
public record MovementTotals(long count, long sumMinor) {

    public static final MovementTotals NONE = new MovementTotals(0, 0);

    /** These totals with one more movement of {@code amountMinor}; throws on overflow rather than wrapping. */
    public MovementTotals plus(long amountMinor) {
        return new MovementTotals(count + 1, Math.addExact(sumMinor, amountMinor));
    }

    /** These totals and {@code other} together; throws on overflow rather than wrapping. */
    public MovementTotals plus(MovementTotals other) {
        return new MovementTotals(Math.addExact(count, other.count), Math.addExact(sumMinor, other.sumMinor));
    }
}
