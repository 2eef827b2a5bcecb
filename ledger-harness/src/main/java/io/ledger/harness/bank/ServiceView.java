package io.ledger.harness.bank;

import java.util.Map;

/**
 * What the service's read models answered over HTTP once the run was over and the views had caught up: every
 * account's balances and the trial balance per currency.
 */
record ServiceView(Map<String, Balances> balances, Map<String, TrialLine> trialBalance, String unavailable) {

    ServiceView(Map<String, Balances> balances, Map<String, TrialLine> trialBalance) {
        this(balances, trialBalance, null);
    }

    /** The service could not answer after the run: the checks that need its answers fail, saying why. */
    static ServiceView unavailable(String reason) {
        return new ServiceView(Map.of(), Map.of(), reason);
    }

    String why() {
        return unavailable == null ? "" : "; the service did not answer: " + unavailable;
    }

    record TrialLine(long totalDebitsMinor, long totalCreditsMinor, long balanceSumMinor) {
    }
}
