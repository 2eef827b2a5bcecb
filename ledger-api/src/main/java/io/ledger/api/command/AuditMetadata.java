package io.ledger.api.command;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.util.Map;
import java.util.UUID;

/**
 * Who did what: the principal, correlation id and request id a command carries as metadata. Axon copies them
 * onto every event the command applies (see {@code AxonConfig#auditCorrelation}), so each event in the store says
 * who caused it and in which request.
 *
 * @param principal     the API key's id, the token's subject, or {@code system:<job>} for the ledger's own work
 * @param correlationId ties together the requests of one business process (the client's, or the request id)
 * @param requestId     the one HTTP request (the client's {@code X-Request-Id}, or generated)
 */
public record AuditMetadata(String principal, String correlationId, String requestId) {

    public static final String PRINCIPAL = "principal";
    public static final String CORRELATION_ID = "correlationId";
    public static final String REQUEST_ID = "requestId";

    /** The request attribute under which the request's own origin is kept for the length of the request. */
    public static final String REQUEST_ATTRIBUTE = AuditMetadata.class.getName();

    /** Principal of commands sent outside any HTTP request by code that did not name its own origin. */
    static final String INTERNAL = "system:internal";

    public AuditMetadata {
        if (principal == null || principal.isBlank() || correlationId == null || requestId == null) {
            throw new IllegalArgumentException("principal, correlation id and request id are all required");
        }
    }

    /** The ledger's own housekeeping, e.g. {@code system("hold-expiry")}: a fresh id for each command. */
    public static AuditMetadata system(String job) {
        String id = UUID.randomUUID().toString();
        return new AuditMetadata("system:" + job, id, id);
    }

    /**
     * The origin of the HTTP request being handled on this thread. Outside a request (tests, tools driving the
     * service in-process) the command is attributed to {@code system:internal}, never left unattributed.
     */
    public static AuditMetadata ofCurrentRequest() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object origin = request == null ? null
                : request.getAttribute(REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (origin instanceof AuditMetadata metadata) {
            return metadata;
        }
        String id = UUID.randomUUID().toString();
        return new AuditMetadata(INTERNAL, id, id);
    }

    public Map<String, String> asMap() {
        return Map.of(PRINCIPAL, principal, CORRELATION_ID, correlationId, REQUEST_ID, requestId);
    }
}
