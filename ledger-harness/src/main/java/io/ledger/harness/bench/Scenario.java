package io.ledger.harness.bench;

/**
 * What the clients send. Every scenario runs against its own set of accounts, so that scenarios run one after
 * another in one session do not disturb each other's balances.
 */
public enum Scenario {

    /** Single transfers between two accounts drawn at random from many (10,000 by default). */
    UNIFORM("uniform", 10_000, 1, false, false),
    /** Single transfers among a handful of accounts: most requests wait for the same few locks. */
    CONTENTION("contention", 10, 1, false, false),
    /** Every transfer credits the same account (a fee or settlement account); debits are spread. */
    HOT_ACCOUNT("hot", 10_000, 1, true, false),
    /** Atomic batches of 100 transfers per request. */
    BATCH_100("batch100", 10_000, 100, false, false),
    /** Atomic batches of 1,000 transfers per request (the largest batch the API accepts by default). */
    BATCH_1000("batch1000", 10_000, 1000, false, false),
    /** Holds placed and posted later: each client keeps a few holds open and posts the oldest. */
    HOLDS("holds", 10_000, 1, false, true);

    private final String label;
    private final int defaultAccounts;
    private final int transfersPerRequest;
    private final boolean hotCredit;
    private final boolean holds;

    Scenario(String label, int defaultAccounts, int transfersPerRequest, boolean hotCredit, boolean holds) {
        this.label = label;
        this.defaultAccounts = defaultAccounts;
        this.transfersPerRequest = transfersPerRequest;
        this.hotCredit = hotCredit;
        this.holds = holds;
    }

    public String label() {
        return label;
    }

    public int defaultAccounts() {
        return defaultAccounts;
    }

    public int transfersPerRequest() {
        return transfersPerRequest;
    }

    public boolean hotCredit() {
        return hotCredit;
    }

    public boolean holds() {
        return holds;
    }

    /** Accepts the label ("hot") as well as the constant's name ("HOT_ACCOUNT"). */
    public static Scenario parse(String text) {
        for (Scenario scenario : values()) {
            if (scenario.label.equalsIgnoreCase(text) || scenario.name().equalsIgnoreCase(text)) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("Unknown scenario " + text + "; one of uniform, contention, hot, "
                + "batch100, batch1000, holds");
    }
}
