package io.ledger.api.config;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.UUID;

/**
 * The token store through which the nodes share the views' processing: a node owns a segment while its claim in
 * the token table is fresh, and only the owner applies that segment's events.
 *
 * <p>The claim's owner name must differ between nodes. Axon's default is the JVM's name ({@code pid@host}), which
 * two service instances in one JVM share; both then believe they own the same segment and apply its events twice
 * (the views refuse the second application, but only after doing the work). Each instance gets a name of its own:
 * {@code ledger.node-id} when set, else the JVM's name with a random suffix.
 */
@Configuration(proxyBeanMethods = false)
public class TokenStoreConfig {

    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer,
                                 @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout,
                                 @Value("${ledger.node-id:}") String configuredNodeId) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                // Axon's default table and column names, which migration V1 creates.
                .schema(TokenSchema.builder().build())
                .claimTimeout(claimTimeout)
                .contentType(byte[].class)
                .nodeId(configuredNodeId.isBlank() ? defaultNodeId() : configuredNodeId)
                .build();
    }

    private static String defaultNodeId() {
        return ManagementFactory.getRuntimeMXBean().getName() + ":" + UUID.randomUUID().toString().substring(0, 8);
    }
}
