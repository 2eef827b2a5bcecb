package io.ledger.harness.bank;

import java.util.Map;

/**
 * What the service's read models answered over HTTP once the run was over and the views had caught up: every
 * account's balances and the trial balance per currency.
 */
record ServiceView(Map<String, Balances> balances, Map<String, TrialLine> trialBalance) {

    record TrialLine(long totalDebitsMinor, long totalCreditsMinor, long balanceSumMinor) {
    }
}
