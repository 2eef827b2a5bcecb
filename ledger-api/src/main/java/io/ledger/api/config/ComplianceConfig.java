package io.ledger.api.config;

import io.ledger.command.LedgerRepositories;
import io.ledger.command.compliance.AlertReview;
import io.ledger.command.compliance.AlertReviewCommandHandler;
import io.ledger.query.compliance.ComplianceProjection;
import io.ledger.query.compliance.ComplianceQueryHandler;
import io.ledger.query.compliance.ComplianceStore;
import io.ledger.query.compliance.JdbcComplianceStore;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Wiring of the compliance views: the projection (processing group "compliance"), its queries, and reviews. */
@Configuration(proxyBeanMethods = false)
public class ComplianceConfig {

    @Bean
    public ComplianceStore complianceStore(JdbcTemplate jdbcTemplate) {
        return new JdbcComplianceStore(jdbcTemplate);
    }

    @Bean
    public ComplianceProjection complianceProjection(ComplianceStore complianceStore, ComplianceProperties properties) {
        return new ComplianceProjection(complianceStore, properties.rules());
    }

    @Bean
    public ComplianceQueryHandler complianceQueryHandler(ComplianceStore complianceStore) {
        return new ComplianceQueryHandler(complianceStore);
    }

    @Bean
    public EventSourcingRepository<AlertReview> alertReviewRepository(EventStore eventStore) {
        return LedgerRepositories.alertReviews(eventStore);
    }

    @Bean
    public AlertReviewCommandHandler alertReviewCommandHandler(
            EventSourcingRepository<AlertReview> alertReviewRepository) {
        return new AlertReviewCommandHandler(alertReviewRepository);
    }
}
