package io.ledger.harness.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The benchmark's HTTP client of the ledger. HTTP/1.1 with kept-alive connections, as a typical service client
 * talks to Tomcat; Java's default (HTTP/2 first) would add an upgrade attempt to requests and measure that too.
 */
public final class LedgerHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CONTENTION_REPEATS = 5;

    private final HttpClient client;
    private final String baseUrl;
    private final String apiKey;
    private final Duration requestTimeout;

    public LedgerHttp(String baseUrl, String apiKey, Duration requestTimeout) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.requestTimeout = requestTimeout;
    }

    public record Answer(int status, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException notJson) {
                throw new IllegalStateException("Not JSON: " + body, notJson);
            }
        }

        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        /** Success, a refusal with its stable code, or a failure of unknown outcome (5xx without a code). */
        public Outcome toOutcome(int transfersWhenAcknowledged) {
            if (isSuccess()) {
                return Outcome.acknowledged(transfersWhenAcknowledged);
            }
            String code = status >= 400 ? codeOrEmpty() : "";
            if (!code.isEmpty() && status < 500 || "CONTENTION".equals(code)) {
                return Outcome.refused(code);
            }
            return Outcome.failed("HTTP " + status + (code.isEmpty() ? "" : " " + code));
        }

        private String codeOrEmpty() {
            try {
                return JSON.readTree(body).path("code").asText("");
            } catch (IOException notJson) {
                return "";
            }
        }
    }

    public Answer get(String path) throws IOException {
        return send(request(path).GET());
    }

    public Answer post(String path, String jsonBody) throws IOException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
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
            return post(path, jsonBody).toOutcome(transfersWhenAcknowledged);
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

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(requestTimeout)
                .header("Authorization", "Bearer " + apiKey);
    }

    private Answer send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", interrupted);
        }
    }
}
