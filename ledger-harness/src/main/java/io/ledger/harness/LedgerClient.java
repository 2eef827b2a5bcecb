package io.ledger.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * An HTTP client of the ledger, as any other client would be: JSON over HTTP with an API key. Transport failures
 * (refused connections while the service is down, timeouts) surface as {@link IOException}, which a harness counts
 * as an answer of unknown outcome. HTTP/1.1 with kept-alive connections, as a typical service client talks to
 * Tomcat; Java's default (HTTP/2 first) would add an upgrade attempt to requests, and a benchmark would measure it.
 */
public final class LedgerClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final String baseUrl;
    private final String apiKey;
    private final Duration requestTimeout;

    /** {@code apiKey} may be null for endpoints that need none (health). */
    public LedgerClient(String baseUrl, String apiKey, Duration requestTimeout) {
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

        /** The stable error code of a problem+json answer, or "" for other answers. */
        public String code() {
            return status >= 400 ? json().path("code").asText() : "";
        }

        /** Like {@link #code()}, but "" also for an error answer whose body is not JSON (a proxy's page, say). */
        public String codeOrEmpty() {
            try {
                return status >= 400 ? JSON.readTree(body).path("code").asText("") : "";
            } catch (IOException notJson) {
                return "";
            }
        }

        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    public Answer get(String path) throws IOException {
        return send(request(path).GET());
    }

    public Answer post(String path, String jsonBody) throws IOException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    public Answer post(String path, JsonNode body) throws IOException {
        return post(path, JSON.writeValueAsString(body));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(requestTimeout);
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        return builder;
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
