package io.ledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A small HTTP client for tests that must send raw, possibly malformed, bodies to a running ledger. It
 * authenticates with the test key that holds all roles ({@link TestCredentials}) unless made with other
 * credentials ({@link #withKey}) or none ({@link #anonymous}).
 */
public final class HttpClientSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String bearer;

    public HttpClientSupport(String baseUrl) {
        this(baseUrl, TestCredentials.allRolesKey());
    }

    private HttpClientSupport(String baseUrl, String bearer) {
        this.baseUrl = baseUrl;
        this.bearer = bearer;
    }

    /** The same ledger, sending {@code Authorization: Bearer <bearer>} (an API key or a JWT). */
    public HttpClientSupport withKey(String bearer) {
        return new HttpClientSupport(baseUrl, bearer);
    }

    /** The same ledger, sending no credentials (a request may still set its own Authorization header). */
    public HttpClientSupport anonymous() {
        return new HttpClientSupport(baseUrl, null);
    }

    public record Answer(int status, String contentType, String body, HttpResponse<String> raw) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException notJson) {
                throw new UncheckedIOException("Not JSON: " + body, notJson);
            }
        }

        public String code() {
            return json().path("code").asText();
        }
    }

    public Answer post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Answer send(HttpRequest.Builder request) {
        if (bearer != null) {
            request.setHeader("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body(), response);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /**
     * The trial balance nets to zero in every currency: checked after every test that moves money. Both legs of
     * a transfer reach the view in one transaction, so this holds at every moment, not only once caught up.
     */
    public void assertBooksBalance() {
        Answer trialBalance = get("/api/v1/reports/trial-balance");
        org.assertj.core.api.Assertions.assertThat(trialBalance.status()).isEqualTo(200);
        org.assertj.core.api.Assertions.assertThat(trialBalance.json().path("balanced").asBoolean())
                .as(trialBalance.body()).isTrue();
        trialBalance.json().path("currencies").forEach(line ->
                org.assertj.core.api.Assertions.assertThat(new java.math.BigDecimal(line.path("balanceSum").asText()))
                        .as(line.toString()).isZero());
    }

    public URI uri(String path) {
        return URI.create(baseUrl + path);
    }
}
