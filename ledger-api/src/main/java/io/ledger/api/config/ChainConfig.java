package io.ledger.api.config;

import io.ledger.api.chain.ChainCheckpointer;
import io.ledger.core.chain.CheckpointSignature;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Optional;

/** The checkpointer of the tamper-evident event log; the per-event chain is wired in {@link AxonConfig}. */
@Configuration(proxyBeanMethods = false)
public class ChainConfig {

    @Bean
    public ChainCheckpointer chainCheckpointer(DataSource dataSource, Clock clock, ChainProperties properties) {
        return new ChainCheckpointer(dataSource, clock, properties.checkpointSettle(),
                properties.checkpointInterval(), properties.checkpointMaxEvents(), signer(properties));
    }

    /** A configured key that cannot be read stops the start: silently writing unsigned checkpoints would not do. */
    private static Optional<CheckpointSignature> signer(ChainProperties properties) {
        if (properties.signingKeyFile() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CheckpointSignature(Files.readAllBytes(properties.signingKeyFile())));
        } catch (IOException failure) {
            throw new UncheckedIOException("Cannot read ledger.chain.signing-key-file "
                    + properties.signingKeyFile(), failure);
        }
    }
}
