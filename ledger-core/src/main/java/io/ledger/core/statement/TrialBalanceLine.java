package io.ledger.core.statement;

/**
 * One currency of the trial balance. In a double-entry ledger {@code totalDebitsMinor} equals
 * {@code totalCreditsMinor} and {@code balanceSumMinor}, the sum of all posted balances, is zero; anything else is
 * a bug.
 */
public record TrialBalanceLine(String currency, long totalDebitsMinor, long totalCreditsMinor, long balanceSumMinor,
                               long accounts) {

    public boolean balanced() {
        return balanceSumMinor == 0 && totalDebitsMinor == totalCreditsMinor;
    }
}
