package io.ledger.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.api.HttpClientSupport.Answer;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Function-level authorization, walked as a whole matrix: every endpoint by every role (as an API key and as a
 * JWT), plus no credentials and bad ones (unknown key, revoked key, expired token, token signed by a stranger,
 * malformed header). Refusals are 401 or 403 problem+json that say nothing about why, and change nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:ledger-security-matrix;DB_CLOSE_DELAY=-1")
@Import(SecurityMatrixHttpTest.UnruledController.class)
class SecurityMatrixHttpTest {

    private static final String WRITER = "ledger-writer";
    private static final String READER = "ledger-reader";
    private static final String ADMIN = "account-admin";
    private static final String COMPLIANCE = "compliance";
    private static final String AUDITOR = "auditor";
    private static final String OPERATOR = "operator";
    private static final String ANY_ROLE = "*";

    /** Every endpoint with a request that reaches it and the roles that may call it. */
    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/api/v1/accounts", "{\"id\":\"m-open\",\"currency\":\"EUR\",\"name\":\"M\"}", ADMIN),
            new Endpoint("GET", "/api/v1/accounts/m-none", null, READER, AUDITOR),
            new Endpoint("POST", "/api/v1/accounts/m-none/freeze", "{\"reason\":\"r\"}", ADMIN),
            new Endpoint("POST", "/api/v1/accounts/m-none/unfreeze", "{\"reason\":\"r\"}", ADMIN),
            new Endpoint("POST", "/api/v1/accounts/m-none/close", "{\"reason\":\"r\"}", ADMIN),
            new Endpoint("PUT", "/api/v1/accounts/m-none/overdraft-limit",
                    "{\"overdraftLimit\":\"1.00\",\"reason\":\"r\"}", ADMIN),
            new Endpoint("PATCH", "/api/v1/accounts/m-none/overdraft-limit",
                    "{\"overdraftLimit\":\"1.00\",\"reason\":\"r\"}", ADMIN),
            new Endpoint("GET", "/api/v1/accounts/m-none/entries", null, READER, AUDITOR),
            new Endpoint("GET", "/api/v1/accounts/m-none/balance?asOf=2026-01-01T00:00:00Z", null, AUDITOR),
            new Endpoint("POST", "/api/v1/transfers", "{\"id\":\"m-t\",\"debitAccountId\":\"m-none\","
                    + "\"creditAccountId\":\"m-other\",\"amount\":\"1.00\",\"currency\":\"EUR\"}", WRITER),
            new Endpoint("GET", "/api/v1/transfers/m-none", null, READER, AUDITOR),
            new Endpoint("POST", "/api/v1/transfers/m-none/post", "{}", WRITER),
            new Endpoint("POST", "/api/v1/transfers/m-none/void", "{}", WRITER),
            new Endpoint("POST", "/api/v1/transfers/m-none/reverse", "{\"id\":\"m-r\"}", WRITER),
            new Endpoint("POST", "/api/v1/transfers/batch", "{\"atomic\":true,\"items\":[{\"type\":\"void\","
                    + "\"id\":\"m-none\"}]}", WRITER),
            new Endpoint("GET", "/api/v1/reports/trial-balance", null, AUDITOR),
            new Endpoint("GET", "/api/v1/compliance/alerts", null, COMPLIANCE, AUDITOR),
            new Endpoint("GET", "/api/v1/compliance/large-transactions", null, COMPLIANCE, AUDITOR),
            new Endpoint("POST", "/api/v1/compliance/alerts/m-none/review", "{\"reviewer\":\"r\",\"note\":\"n\"}",
                    COMPLIANCE),
            new Endpoint("GET", "/api/v1/admin/projections", null, OPERATOR),
            new Endpoint("POST", "/api/v1/admin/projections/balances/rebuild", null, OPERATOR),
            new Endpoint("GET", "/api/v1/admin/reconciliation", null, OPERATOR, AUDITOR),
            new Endpoint("GET", "/actuator/health", null, OPERATOR),
            new Endpoint("GET", "/actuator/metrics", null, OPERATOR),
            new Endpoint("GET", "/actuator/prometheus", null, OPERATOR),
            new Endpoint("GET", "/v3/api-docs", null, ANY_ROLE));

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping controllers;
    @Autowired
    Serializer eventSerializer;
    @Autowired
    ObjectMapper httpMapper;

    HttpClientSupport http;

    @DynamicPropertySource
    static void trustTheTestIssuer(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
    }

    @BeforeEach
    void setUp() {
        http = new HttpClientSupport("http://localhost:" + port);
    }

    @Test
    void everyRoleReachesExactlyItsOwnEndpointsWithAnApiKeyOrAToken() {
        List<String> wrong = new ArrayList<>();
        for (String role : TestCredentials.ROLES) {
            HttpClientSupport byKey = http.withKey(TestCredentials.keyWithOnly(role));
            HttpClientSupport byToken = http.withKey(TestTokens.valid("subject-" + role, List.of(role)));
            for (Endpoint endpoint : ENDPOINTS) {
                for (HttpClientSupport client : List.of(byKey, byToken)) {
                    Answer answer = endpoint.sendWith(client);
                    boolean allowed = endpoint.allows(role);
                    if (allowed ? isRefused(answer) : !isForbidden(answer)) {
                        wrong.add(role + " " + endpoint + " -> " + answer.status() + " " + answer.body());
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void noCredentialsAndBadCredentialsAreRefusedWith401EverywhereAndChangeNothing() {
        long eventsBefore = eventCount();
        Map<String, HttpClientSupport> badCallers = new LinkedHashMap<>();
        badCallers.put("no credentials", http.anonymous());
        badCallers.put("unknown key", http.withKey("ldg_" + "A".repeat(43)));
        badCallers.put("revoked key", http.withKey(TestCredentials.revokedKey()));
        badCallers.put("expired token", http.withKey(TestTokens.expired("someone", TestCredentials.ROLES)));
        badCallers.put("token signed by a stranger",
                http.withKey(TestTokens.signedByStranger("someone", TestCredentials.ROLES)));
        badCallers.put("malformed bearer", http.withKey("not a token"));
        List<String> wrong = new ArrayList<>();
        badCallers.forEach((caller, client) -> {
            for (Endpoint endpoint : ENDPOINTS) {
                Answer answer = endpoint.sendWith(client);
                if (answer.status() != 401 || !answer.contentType().startsWith("application/problem+json")
                        || !answer.code().equals("UNAUTHENTICATED")
                        || answer.raw().headers().firstValue("WWW-Authenticate").isEmpty()) {
                    wrong.add(caller + " " + endpoint + " -> " + answer.status() + " " + answer.body());
                }
            }
        });
        assertThat(wrong).isEmpty();
        assertThat(eventCount()).isEqualTo(eventsBefore);
    }

    @Test
    void refusalsNeverSayWhyTheCredentialsFailed() {
        Answer unknown = http.withKey("ldg_" + "B".repeat(43)).get("/api/v1/reports/trial-balance");
        Answer revoked = http.withKey(TestCredentials.revokedKey()).get("/api/v1/reports/trial-balance");
        Answer expired = http.withKey(TestTokens.expired("someone", List.of(AUDITOR)))
                .get("/api/v1/reports/trial-balance");
        assertThat(List.of(revoked.json().path("detail"), expired.json().path("detail")))
                .containsOnly(unknown.json().path("detail"));
        assertThat(unknown.body()).doesNotContainIgnoringCase("revoked").doesNotContainIgnoringCase("expired")
                .doesNotContain("Exception").doesNotContain("ldg_");
        Answer forbidden = http.withKey(TestCredentials.keyWithOnly(READER)).get("/api/v1/reports/trial-balance");
        assertThat(forbidden.body()).doesNotContain(AUDITOR).doesNotContain("Exception");
    }

    @Test
    void livenessAndReadinessAreOpenToEveryone() {
        assertThat(http.anonymous().get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(http.anonymous().get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(http.anonymous().get("/actuator/health").status()).isEqualTo(401);
    }

    @Test
    void anEndpointWithoutARuleIsRefusedToEveryRole() {
        Answer answer = http.get("/api/v1/unruled");
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.code()).isEqualTo("ACCESS_DENIED");
        assertThat(answer.body()).doesNotContain("unruled answer");
        assertThat(http.anonymous().get("/api/v1/unruled").status()).isEqualTo(401);
    }

    @Test
    void unknownPathsAndMethodsStillAnswer404And405OnlyToAuthenticatedCallers() {
        assertThat(http.get("/api/v1/no-such-endpoint").code()).isEqualTo("RESOURCE_NOT_FOUND");
        assertThat(http.send(HttpRequest.newBuilder(http.uri("/api/v1/accounts/x")).DELETE()).code())
                .isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(http.anonymous().get("/api/v1/no-such-endpoint").status()).isEqualTo(401);
    }

    /** A new endpoint must be added to this matrix (and given a rule) before this test passes again. */
    @Test
    void theMatrixCoversEveryApiEndpoint() {
        Set<String> mapped = new TreeSet<>();
        controllers.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(pattern -> pattern.startsWith("/api/") && !pattern.equals("/api/v1/unruled"))
                .forEach(pattern -> info.getMethodsCondition().getMethods()
                        .forEach(method -> mapped.add(method.name() + " " + pattern.replaceAll("\\{[^}]+}", "*")))));
        Set<String> walked = new TreeSet<>();
        ENDPOINTS.stream().filter(endpoint -> endpoint.path().startsWith("/api/"))
                .forEach(endpoint -> walked.add(endpoint.method() + " "
                        + endpoint.path().replaceAll("\\?.*", "").replace("m-none", "*")));
        assertThat(mapped).hasSizeGreaterThanOrEqualTo(21);
        assertThat(walked).isEqualTo(mapped);
    }

    @Test
    void answersCarrySecurityHeaders() {
        Answer answer = http.get("/api/v1/reports/trial-balance");
        var headers = answer.raw().headers();
        assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(headers.firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(headers.firstValue("Content-Security-Policy"))
                .hasValue("default-src 'none'; frame-ancestors 'none'");
        assertThat(headers.firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(headers.firstValue("Cache-Control"))
                .hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        assertThat(http.anonymous().get("/api/v1/reports/trial-balance").raw().headers()
                .firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void browsersFromOtherOriginsGetNoCorsPermission() {
        Answer preflight = http.anonymous().send(HttpRequest.newBuilder(http.uri("/api/v1/transfers"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type"));
        assertThat(preflight.raw().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        Answer read = http.send(HttpRequest.newBuilder(http.uri("/api/v1/reports/trial-balance")).GET()
                .header("Origin", "https://elsewhere.example"));
        assertThat(read.raw().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void neitherJsonMapperUsesPolymorphicDefaultTyping() throws Exception {
        ObjectMapper eventMapper = ((JacksonSerializer) eventSerializer).getObjectMapper();
        assertThat(eventMapper.getSerializationConfig().getDefaultTyper(null)).isNull();
        assertThat(eventMapper.getDeserializationConfig().getDefaultTyper(null)).isNull();
        assertThat(httpMapper.getDeserializationConfig().getDefaultTyper(null)).isNull();
        assertThat(canLoad("com.thoughtworks.xstream.XStream")).isFalse();
    }

    private static boolean canLoad(String className) {
        try {
            Class.forName(className);
            return true;
        } catch (ClassNotFoundException absent) {
            return false;
        }
    }

    private static boolean isRefused(Answer answer) {
        return answer.status() == 401 || answer.status() == 403 || answer.status() == 429;
    }

    private static boolean isForbidden(Answer answer) {
        return answer.status() == 403 && answer.contentType().startsWith("application/problem+json")
                && answer.code().equals("ACCESS_DENIED")
                && answer.json().path("detail").asText().equals("These credentials do not grant this operation.");
    }

    private long eventCount() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
    }

    record Endpoint(String method, String path, String body, String... roles) {

        boolean allows(String role) {
            return List.of(roles).contains(role) || List.of(roles).contains(ANY_ROLE);
        }

        Answer sendWith(HttpClientSupport client) {
            HttpRequest.Builder request = HttpRequest.newBuilder(client.uri(path));
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body));
            }
            return client.send(request);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** An endpoint nobody wrote a rule for: deny by default must keep it closed. */
    @TestComponent
    @RestController
    static class UnruledController {
        @GetMapping("/api/v1/unruled")
        String unruled() {
            return "unruled answer";
        }
    }
}
