package io.ledger.api.security;

import jakarta.servlet.DispatcherType;
import org.slf4j.LoggerFactory;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CompositeHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static io.ledger.api.security.LedgerRole.ACCOUNT_ADMIN;
import static io.ledger.api.security.LedgerRole.AUDITOR;
import static io.ledger.api.security.LedgerRole.COMPLIANCE;
import static io.ledger.api.security.LedgerRole.LEDGER_READER;
import static io.ledger.api.security.LedgerRole.LEDGER_WRITER;
import static io.ledger.api.security.LedgerRole.OPERATOR;

/**
 * Who may call what. Every endpoint needs an authenticated caller except the liveness and readiness probes;
 * each endpoint names the roles that may call it, and anything without a rule is refused
 * ({@link UnmappedRequestsOnly}). Callers authenticate with {@code Authorization: Bearer} and either an API key
 * ({@link ApiKeyStore}) or, when an issuer or public key is configured, an OAuth2/OIDC JWT.
 * The service is stateless: no sessions, no cookies, hence no CSRF tokens.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class SecurityConfig {

    /** The API returns JSON only: nothing in an answer may load, run or be framed. */
    private static final String API_CONTENT_POLICY = "default-src 'none'; frame-ancestors 'none'";
    /** Swagger UI is a page of its own scripts and styles; it may load those, and still not be framed. */
    private static final String SWAGGER_CONTENT_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

    /**
     * Spring Security would observe every filter of every request (and each authentication and authorization):
     * with observations merely disabled by property, it still wraps each filter in a decorator that creates a
     * no-op observation per filter per request, about a tenth of the service's CPU in a profile of single
     * transfers. Nothing reads these observations; request metrics ({@code http.server.requests}) are observed
     * apart from them and stay.
     */
    @Bean
    static SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    public SecurityEvents securityEvents(SecurityProperties properties) {
        return new SecurityEvents(properties.authFailureBurst(), properties.authFailureWindow());
    }

    @Bean
    public FirstStartAnnouncement firstStartAnnouncement() {
        return new FirstStartAnnouncement(System.out);
    }

    /** The keys in force; on a first start without any, the admin key is generated before they are read. */
    @Bean
    public ApiKeyStore apiKeyStore(SecurityProperties properties, FirstStartAnnouncement announcement,
                                   @Value("${ledger.data-dir:./data}") Path dataDir) {
        Path file = properties.apiKeysFile() != null ? properties.apiKeysFile() : dataDir.resolve("api-keys.json");
        if (properties.bootstrapAdminKey() && properties.apiKeys().isEmpty()
                && ApiKeyBootstrap.createAdminKeyIfAbsent(file, announcement.pending())) {
            LoggerFactory.getLogger("io.ledger.security").warn("event=api_key_generated file={} the key is printed "
                    + "to the console once the ledger is ready", file);
        }
        return new ApiKeyStore(file, properties.apiKeys(), properties.apiKeysRecheck());
    }

    @Bean
    public SecurityFilterChain ledgerSecurity(HttpSecurity http, ApiKeyStore keys, ObjectProvider<JwtDecoder> jwt,
                                              SecurityProperties properties, SecurityEvents events,
                                              ApplicationContext context) throws Exception {
        SecurityProblems problems = new SecurityProblems(events);
        AuthenticationManager bearer = bearerAuthentication(keys, jwt.getIfAvailable(), properties, events);
        http.csrf(csrf -> csrf.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .cors(cors -> cors.configurationSource(cors(properties.corsAllowedOrigins())))
                .headers(headers -> headers
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .addHeaderWriter(contentSecurityPolicy()))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationManagerResolver(request -> bearer)
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .addFilterAfter(new RequestIdentityFilter(), BearerTokenAuthenticationFilter.class)
                .addFilterBefore(new RateLimitFilter(properties.rateLimit(), events), AuthorizationFilter.class)
                .authorizeHttpRequests(rules -> endpointRules(rules, () ->
                        context.getBean("requestMappingHandlerMapping", AbstractHandlerMapping.class)));
        return http.build();
    }

    /**
     * The role matrix (docs/security.md). Order matters only where patterns overlap: the first match decides.
     */
    private static void endpointRules(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules,
            Supplier<AbstractHandlerMapping> controllers) {
        // Error and async dispatches continue a request that was already authorized.
        rules.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll();
        rules.requestMatchers(HttpMethod.GET, "/actuator/health/liveness", "/actuator/health/readiness").permitAll();

        rules.requestMatchers(HttpMethod.POST, "/api/v1/accounts", "/api/v1/accounts/*/freeze",
                "/api/v1/accounts/*/unfreeze", "/api/v1/accounts/*/close").hasAuthority(ACCOUNT_ADMIN.authority());
        rules.requestMatchers(HttpMethod.PUT, "/api/v1/accounts/*/overdraft-limit")
                .hasAuthority(ACCOUNT_ADMIN.authority());
        rules.requestMatchers(HttpMethod.PATCH, "/api/v1/accounts/*/overdraft-limit")
                .hasAuthority(ACCOUNT_ADMIN.authority());
        rules.requestMatchers(HttpMethod.GET, "/api/v1/accounts/*", "/api/v1/accounts/*/entries",
                "/api/v1/transfers/*").hasAnyAuthority(LEDGER_READER.authority(), AUDITOR.authority());
        rules.requestMatchers(HttpMethod.GET, "/api/v1/accounts/*/balance", "/api/v1/reports/**")
                .hasAuthority(AUDITOR.authority());

        rules.requestMatchers(HttpMethod.POST, "/api/v1/transfers", "/api/v1/transfers/batch",
                "/api/v1/transfers/*/post", "/api/v1/transfers/*/void", "/api/v1/transfers/*/reverse")
                .hasAuthority(LEDGER_WRITER.authority());

        rules.requestMatchers(HttpMethod.GET, "/api/v1/compliance/alerts", "/api/v1/compliance/large-transactions")
                .hasAnyAuthority(COMPLIANCE.authority(), AUDITOR.authority());
        rules.requestMatchers(HttpMethod.POST, "/api/v1/compliance/alerts/*/review")
                .hasAuthority(COMPLIANCE.authority());

        rules.requestMatchers(HttpMethod.GET, "/api/v1/admin/projections").hasAuthority(OPERATOR.authority());
        rules.requestMatchers(HttpMethod.POST, "/api/v1/admin/projections/balances/rebuild")
                .hasAuthority(OPERATOR.authority());
        // Whether any view skipped an event: an operator's alarm, and evidence an auditor may ask for.
        rules.requestMatchers(HttpMethod.GET, "/api/v1/admin/reconciliation")
                .hasAnyAuthority(OPERATOR.authority(), AUDITOR.authority());
        rules.requestMatchers("/actuator", "/actuator/**").hasAuthority(OPERATOR.authority());

        // The API description is no secret from anyone allowed in, whatever their role.
        rules.requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
                "/swagger-ui/**").authenticated();

        rules.anyRequest().access(new UnmappedRequestsOnly(controllers));
    }

    private static AuthenticationManager bearerAuthentication(ApiKeyStore keys, JwtDecoder jwtDecoder,
                                                              SecurityProperties properties, SecurityEvents events) {
        List<AuthenticationProvider> providers = new ArrayList<>();
        providers.add(new ApiKeyAuthenticationProvider(keys, events, jwtDecoder != null));
        if (jwtDecoder != null) {
            providers.add(jwtShapedOnly(jwtProvider(jwtDecoder, properties.jwt().rolesClaim())));
        }
        ProviderManager manager = new ProviderManager(providers);
        manager.setEraseCredentialsAfterAuthentication(true);
        return manager;
    }

    /**
     * The JWT provider sees only values shaped like a JWT, so that a wrong API key is reported (in the security
     * log) as an unknown key rather than as a malformed token.
     */
    private static AuthenticationProvider jwtShapedOnly(AuthenticationProvider jwt) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication bearer) {
                String token = ((BearerTokenAuthenticationToken) bearer).getToken();
                return ApiKeyAuthenticationProvider.looksLikeJwt(token) ? jwt.authenticate(bearer) : null;
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return jwt.supports(authentication);
            }
        };
    }

    /** Token roles come from one claim, spelled exactly as ledger roles; the token's subject is the principal. */
    private static JwtAuthenticationProvider jwtProvider(JwtDecoder decoder, String rolesClaim) {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(rolesClaim);
        roles.setAuthorityPrefix("");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        provider.setJwtAuthenticationConverter(converter);
        return provider;
    }

    private static HeaderWriter contentSecurityPolicy() {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        RequestMatcher swaggerUi = new OrRequestMatcher(paths.matcher("/swagger-ui/**"),
                paths.matcher("/swagger-ui.html"));
        HeaderWriter api = new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(swaggerUi),
                new StaticHeadersWriter("Content-Security-Policy", API_CONTENT_POLICY));
        HeaderWriter swagger = new DelegatingRequestMatcherHeaderWriter(swaggerUi,
                new StaticHeadersWriter("Content-Security-Policy", SWAGGER_CONTENT_POLICY));
        return new CompositeHeaderWriter(List.of(api, swagger));
    }

    /** Closed unless origins are configured: then only those, only the API's methods and headers. */
    private static CorsConfigurationSource cors(List<String> allowedOrigins) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!allowedOrigins.isEmpty()) {
            CorsConfiguration api = new CorsConfiguration();
            api.setAllowedOrigins(allowedOrigins);
            api.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH"));
            api.setAllowedHeaders(List.of("Authorization", "Content-Type", RequestIdentityFilter.REQUEST_ID_HEADER,
                    RequestIdentityFilter.CORRELATION_ID_HEADER));
            api.setExposedHeaders(List.of("Location", "Retry-After", RequestIdentityFilter.REQUEST_ID_HEADER,
                    RequestIdentityFilter.CORRELATION_ID_HEADER, "X-Ledger-Consistency"));
            api.setAllowCredentials(false);
            source.registerCorsConfiguration("/api/**", api);
        }
        return source;
    }
}
