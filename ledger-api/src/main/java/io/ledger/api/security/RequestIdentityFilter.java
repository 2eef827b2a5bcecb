package io.ledger.api.security;

import io.ledger.api.command.AuditMetadata;
import io.ledger.api.web.ProblemResponses;
import io.ledger.core.error.LedgerErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request its {@link AuditMetadata}: the authenticated principal, the client's {@code X-Request-Id}
 * and {@code X-Correlation-Id} when they are well formed (a fresh UUID and the request id otherwise), so that
 * every event the request causes can name them. Malformed ids are refused with 400 before anything happens: they
 * end up in the event store and in logs, where nothing unchecked belongs. Both ids are echoed on the response and
 * put in the logging context.
 */
public class RequestIdentityFilter extends OncePerRequestFilter {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    public static final String CORRELATION_ID_HEADER = "X-Correlation-Id";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    /** The read models keep principals in 256 characters; longer token subjects are not accepted. */
    static final int MAX_PRINCIPAL_LENGTH = 256;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = request.getHeader(REQUEST_ID_HEADER);
        String correlationId = request.getHeader(CORRELATION_ID_HEADER);
        if (!wellFormed(requestId) || !wellFormed(correlationId)) {
            ProblemResponses.write(request, response, LedgerErrorCode.INVALID_REQUEST_ID, REQUEST_ID_HEADER + " and "
                    + CORRELATION_ID_HEADER + " must be 1 to 128 characters of letters, digits, '.', '_', ':' and '-'"
                    + ", starting with a letter or digit.");
            return;
        }
        requestId = requestId == null ? UUID.randomUUID().toString() : requestId;
        correlationId = correlationId == null ? requestId : correlationId;
        String principal = principalName();
        if (principal.length() > MAX_PRINCIPAL_LENGTH) {
            ProblemResponses.write(request, response, LedgerErrorCode.UNAUTHENTICATED,
                    "The credentials were not accepted.");
            return;
        }
        AuditMetadata origin = new AuditMetadata(principal, correlationId, requestId);
        request.setAttribute(AuditMetadata.REQUEST_ATTRIBUTE, origin);
        response.setHeader(REQUEST_ID_HEADER, requestId);
        response.setHeader(CORRELATION_ID_HEADER, correlationId);
        MDC.put(AuditMetadata.REQUEST_ID, requestId);
        MDC.put(AuditMetadata.PRINCIPAL, origin.principal());
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(AuditMetadata.REQUEST_ID);
            MDC.remove(AuditMetadata.PRINCIPAL);
        }
    }

    static boolean wellFormed(String id) {
        return id == null || SAFE_ID.matcher(id).matches();
    }

    /** Anonymous requests only reach public endpoints (health probes), which never send commands. */
    private static String principalName() {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        return who == null || !who.isAuthenticated() ? "anonymous" : who.getName();
    }
}
