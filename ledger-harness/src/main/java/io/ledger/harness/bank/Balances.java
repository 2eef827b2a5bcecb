package io.ledger.harness.bank;

/** An account's balances in minor units: posted (credits minus debits) and the amounts reserved by holds. */
record Balances(long postedMinor, long pendingDebitsMinor, long pendingCreditsMinor) {

    static final Balances ZERO = new Balances(0, 0, 0);

    long availableMinor() {
        return postedMinor - pendingDebitsMinor;
    }
}
