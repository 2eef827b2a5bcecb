package io.ledger.api.security;

import io.ledger.api.web.ProblemResponses;
import io.ledger.core.error.LedgerErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;

/**
 * 401 and 403 as problem+json. The answer never says why credentials failed (unknown key, revoked, expired,
 * bad signature): that would help whoever is guessing. The reason goes to the security log instead.
 */
public class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final SecurityEvents events;

    public SecurityProblems(SecurityEvents events) {
        this.events = events;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException failure) throws IOException {
        boolean presented = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        events.authenticationFailed(request.getRemoteAddr(), request.getMethod(), request.getRequestURI(),
                presented ? failure.getClass().getSimpleName() + ":" + failure.getMessage() : "no_credentials");
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, presented
                ? "Bearer error=\"invalid_token\"" : "Bearer");
        ProblemResponses.write(request, response, LedgerErrorCode.UNAUTHENTICATED, presented
                ? "The credentials were not accepted."
                : "Authentication is required: send 'Authorization: Bearer <API key or token>'.");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       AccessDeniedException denied) throws IOException {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        events.accessDenied(who == null ? null : who.getName(), request.getMethod(), request.getRequestURI());
        ProblemResponses.write(request, response, LedgerErrorCode.ACCESS_DENIED,
                "These credentials do not grant this operation.");
    }
}
