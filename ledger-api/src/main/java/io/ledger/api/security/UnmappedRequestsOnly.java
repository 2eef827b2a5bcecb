package io.ledger.api.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

import java.util.function.Supplier;

/**
 * Deny by default, for the requests no explicit rule names: if a controller would handle the request, it is an
 * endpoint without a rule and is refused (403) whoever asks. If none would (an unknown path, a method the path
 * does not support), an authenticated caller is let through to get the ordinary 404 or 405; an anonymous one gets
 * 401. So a new endpoint is closed until someone decides who may call it.
 */
final class UnmappedRequestsOnly implements AuthorizationManager<RequestAuthorizationContext> {

    private final Supplier<AbstractHandlerMapping> controllers;
    private final AuthenticationTrustResolverImpl trust = new AuthenticationTrustResolverImpl();

    UnmappedRequestsOnly(Supplier<AbstractHandlerMapping> controllers) {
        this.controllers = controllers;
    }

    @Override
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        Authentication who = authentication.get();
        if (who == null || !trust.isAuthenticated(who)) {
            return new AuthorizationDecision(false);
        }
        return new AuthorizationDecision(!hasController(context.getRequest()));
    }

    private boolean hasController(HttpServletRequest request) {
        boolean parsedHere = !ServletRequestPathUtils.hasParsedRequestPath(request);
        if (parsedHere) {
            ServletRequestPathUtils.parseAndCache(request);
        }
        try {
            return controllers.get().getHandler(request) != null;
        } catch (Exception noMatchingMethodOrMediaType) {
            // The path exists but not for this method or media type: MVC answers 405/415, nothing runs.
            return false;
        } finally {
            if (parsedHere) {
                ServletRequestPathUtils.clearParsedRequestPath(request);
            }
        }
    }
}
