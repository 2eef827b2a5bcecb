package io.ledger.api.monitoring;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Puts {@link MessageMeters} on every Axon component that takes a message monitor, in place of axon-micrometer's
 * monitors, which {@code axon.metrics.auto-configuration.enabled=false} (application.yml) leaves out.
 */
@Configuration(proxyBeanMethods = false)
public class MessageMetersConfig {

    @Bean
    public ConfigurerModule messageMeters(MeterRegistry registry, Clock clock) {
        return configurer -> configurer.configureMessageMonitor(configuration ->
                (componentType, componentName) -> MessageMeters.forComponent(registry, componentType, componentName,
                        clock));
    }
}
