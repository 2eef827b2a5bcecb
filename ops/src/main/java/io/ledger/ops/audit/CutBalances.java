package io.ledger.ops.audit;

/** One account's figures at one {@link Cut}, in minor units. */
final class CutBalances {

    long postedMinor;
    long pendingDebitsMinor;
    long pendingCreditsMinor;
    /** Sum of the amounts of the account's debit legs within the cut (for the trial balance). */
    long debitsMinor;
    long creditsMinor;
    /** Global position of the latest event within the cut; -1 while the account had no entry in it. */
    long position = -1;

    boolean exists() {
        return position >= 0;
    }

    long availableMinor() {
        return postedMinor - pendingDebitsMinor;
    }
}
