package io.ledger.harness.bench;

import io.ledger.harness.LedgerClient;
import io.ledger.harness.LedgerClient.Answer;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The benchmark's HTTP client of the ledger: the harness's {@link LedgerClient}, plus answers turned into the
 * outcomes a benchmark counts, with the repeats of {@code CONTENTION} answers the API asks clients for.
 */
public final class LedgerHttp {

    private static final int CONTENTION_REPEATS = 5;

    private final LedgerClient client;

    public LedgerHttp(String baseUrl, String apiKey, Duration requestTimeout) {
        this.client = new LedgerClient(baseUrl, apiKey, requestTimeout);
    }

    public Answer get(String path) throws IOException {
        return client.get(path);
    }

    public Answer post(String path, String jsonBody) throws IOException {
        return client.post(path, jsonBody);
    }

    /** Success, a refusal with its stable code, or a failure of unknown outcome (5xx without a code). */
    public static Outcome outcomeOf(Answer answer, int transfersWhenAcknowledged) {
        if (answer.isSuccess()) {
            return Outcome.acknowledged(transfersWhenAcknowledged);
        }
        String code = answer.codeOrEmpty();
        if (!code.isEmpty() && answer.status() < 500 || "CONTENTION".equals(code)) {
            return Outcome.refused(code);
        }
        return Outcome.failed("HTTP " + answer.status() + (code.isEmpty() ? "" : " " + code));
    }

    /**
     * Like {@link #post} but a transport failure becomes a failed outcome, so a client keeps going. A
     * {@code CONTENTION} answer (nothing was written) is repeated with the same id, as the API asks clients to,
     * a few times after a short random pause; the latency measured includes the repeats.
     */
    public Outcome postForOutcome(String path, String jsonBody, int transfersWhenAcknowledged) {
        Outcome outcome = attempt(path, jsonBody, transfersWhenAcknowledged);
        for (int repeat = 0; repeat < CONTENTION_REPEATS && "CONTENTION".equals(outcome.refusalCode()); repeat++) {
            pause(1 + ThreadLocalRandom.current().nextInt(20));
            outcome = attempt(path, jsonBody, transfersWhenAcknowledged);
        }
        return outcome;
    }

    private Outcome attempt(String path, String jsonBody, int transfersWhenAcknowledged) {
        try {
            return outcomeOf(post(path, jsonBody), transfersWhenAcknowledged);
        } catch (IOException failure) {
            return Outcome.failed(failure.getClass().getSimpleName());
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
