package io.ledger.query.compliance;

import java.time.Instant;

/**
 * Everything the windowed rules ask about one posted movement's two accounts, once its movements are recorded:
 * whether each rule already raised within its window, and the window figures it would otherwise raise on. None of
 * the answers depends on another rule's alert for the same movement (a structuring alert on the debit account
 * neither names the credit account nor is a velocity alert), so they can all be read before any rule raises.
 *
 * @param debitStructuringRaised  a structuring alert on the debit account after {@code structuringAfter}
 * @param creditStructuringRaised likewise on the credit account
 * @param debitVelocityRaised     a velocity alert on the debit account after {@code velocityAfter}
 * @param debitSmall              the debit account's outgoing movements below the threshold in the structuring window;
 *                                none (not asked) when {@code debitStructuringRaised} or the movement is large
 * @param creditSmall             the credit account's incoming movements below the threshold in that window; none
 *                                (not asked) when {@code creditStructuringRaised} or the movement is large
 * @param debitOutgoing           the debit account's outgoing movements in the velocity window; 0 (not asked) when
 *                                {@code debitVelocityRaised}
 */
public record TransferFacts(boolean debitStructuringRaised, boolean creditStructuringRaised,
                            boolean debitVelocityRaised, MovementTotals debitSmall, MovementTotals creditSmall,
                            int debitOutgoing) {

    /**
     * The questions: the two accounts, the movement's currency and large-transaction threshold, the two windows'
     * starts (exclusive) and their common end, and whether the movement itself is below the threshold. A large
     * movement raises a large-transaction alert instead of being summed for structuring, so its structuring
     * figures are not asked: for an account that only moves large amounts (a funding or settlement account) they
     * would be a scan of its whole window that never adds anything, repeated for every movement.
     */
    public record Question(String debit, String credit, String currency, long belowMinor, Instant structuringAfter,
                           Instant velocityAfter, Instant upTo, boolean smallMovement) {
    }
}
