package io.ledger.harness.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The accounts of one scenario and how transfers are drawn over them. The ledger and the anchor get the same
 * accounts, the same opening balances and the same distribution of movements.
 */
public final class Workload {

    /** What every account holds before the run, in cents: large enough that refusals stay rare. */
    public static final long OPENING_BALANCE_MINOR = 100_000_000L;
    /** Transfers move between 0.01 and 10.00. */
    private static final int MAX_AMOUNT_MINOR = 1_000;

    private final Scenario scenario;
    private final String prefix;
    private final int accounts;

    public Workload(Scenario scenario, String prefix, int accounts) {
        if (accounts < 2) {
            throw new IllegalArgumentException("A transfer needs at least 2 accounts, got " + accounts);
        }
        this.scenario = scenario;
        this.prefix = prefix;
        this.accounts = accounts;
    }

    /** One movement of money: who pays, who receives, how much (cents). */
    public record Movement(String id, String debitAccountId, String creditAccountId, long amountMinor) {

        public String amount() {
            return (amountMinor / 100) + "." + String.format("%02d", amountMinor % 100);
        }
    }

    public Scenario scenario() {
        return scenario;
    }

    public String prefix() {
        return prefix;
    }

    /** The accounts transfers draw from (the hot account is extra). */
    public List<String> spreadAccountIds() {
        List<String> ids = new ArrayList<>(accounts);
        for (int index = 0; index < accounts; index++) {
            ids.add(account(index));
        }
        return ids;
    }

    /** Every account the scenario needs opened, the hot account included when there is one. */
    public List<String> allAccountIds() {
        List<String> ids = spreadAccountIds();
        if (scenario.hotCredit()) {
            ids.add(hotAccountId());
        }
        return ids;
    }

    /** The account money for the opening balances comes from; its balance may go negative without bound. */
    public String settlementAccountId() {
        return prefix + "-settlement";
    }

    public String hotAccountId() {
        return prefix + "-hot";
    }

    public Movement next(String transferId) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int debit = random.nextInt(accounts);
        String credit;
        if (scenario.hotCredit()) {
            credit = hotAccountId();
        } else {
            int other = random.nextInt(accounts - 1);
            credit = account(other >= debit ? other + 1 : other);
        }
        return new Movement(transferId, account(debit), credit, 1 + random.nextInt(MAX_AMOUNT_MINOR));
    }

    private String account(int index) {
        return prefix + "-" + index;
    }
}
