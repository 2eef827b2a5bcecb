package io.ledger.api.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

import java.util.List;

/**
 * Authenticates {@code Authorization: Bearer <key>} against the {@link ApiKeyStore}. When tokens are enabled too,
 * a bearer value shaped like a JWT (three dot-separated parts; generated keys never contain a dot) is left to
 * the JWT provider.
 */
public class ApiKeyAuthenticationProvider implements AuthenticationProvider {

    private final ApiKeyStore keys;
    private final SecurityEvents events;
    private final boolean jwtEnabled;

    public ApiKeyAuthenticationProvider(ApiKeyStore keys, SecurityEvents events, boolean jwtEnabled) {
        this.keys = keys;
        this.events = events;
        this.jwtEnabled = jwtEnabled;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String presented = ((BearerTokenAuthenticationToken) authentication).getToken();
        if (jwtEnabled && looksLikeJwt(presented)) {
            return null;
        }
        ApiKey key = keys.authenticate(presented)
                .orElseThrow(() -> new InvalidBearerTokenException("unknown_or_revoked_api_key"));
        events.keyUsed(key.id());
        return new ApiKeyAuthentication(key);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }

    static boolean looksLikeJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }

    /** An authenticated API key: its id is the principal's name, its roles the authorities. */
    public static final class ApiKeyAuthentication extends AbstractAuthenticationToken {

        private final String keyId;

        ApiKeyAuthentication(ApiKey key) {
            super(key.roles().stream().map(SimpleGrantedAuthority::new).toList());
            this.keyId = key.id();
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return null;
        }

        @Override
        public Object getPrincipal() {
            return keyId;
        }

        @Override
        public String getName() {
            return keyId;
        }

        List<String> roles() {
            return getAuthorities().stream().map(Object::toString).toList();
        }
    }
}
