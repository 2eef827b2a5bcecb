package io.ledger.harness.bench;

/**
 * The answer to one request of a benchmark client.
 *
 * @param transfers  how many movements the request acknowledged durably (a batch counts its items)
 * @param refusalCode the stable code of a refusal, or null
 * @param error      what went wrong when the outcome is unknown (transport failure, 5xx), or null
 */
public record Outcome(int transfers, String refusalCode, String error) {

    public static Outcome acknowledged(int transfers) {
        return new Outcome(transfers, null, null);
    }

    public static Outcome refused(String code) {
        return new Outcome(0, code, null);
    }

    public static Outcome failed(String error) {
        return new Outcome(0, null, error);
    }
}
