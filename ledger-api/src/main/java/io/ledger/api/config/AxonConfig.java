package io.ledger.api.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.ledger.api.chain.ChainedAppendStatement;
import io.ledger.api.command.AuditMetadata;
import io.ledger.command.LedgerRepositories;
import io.ledger.command.UnitOfWorkClock;
import io.ledger.command.account.Account;
import io.ledger.command.account.AccountCommandHandler;
import io.ledger.command.refusal.RefusalCommandHandler;
import io.ledger.command.refusal.RefusedAttempt;
import io.ledger.command.transfer.BatchCommandHandler;
import io.ledger.command.transfer.HoldCommandHandler;
import io.ledger.command.transfer.ReversalCommandHandler;
import io.ledger.command.transfer.Transfer;
import io.ledger.command.transfer.TransferCommandHandler;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.time.Clock;
import java.time.Duration;

/**
 * Wiring of the write side on Axon: a JDBC event store in the ledger's own database, Jackson for every
 * serialized form, and the command handlers with their repositories.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfig {

    static {
        // Axon's update checker would phone home on start; a ledger makes no calls out that nobody asked for.
        System.setProperty("axoniq.update-checker.disabled", "true");
        // Event timestamps are server-assigned and kept to the millisecond, the precision in which Axon's JDBC
        // event store writes them, so that the instant a command answers with equals the one read back later
        // from the event store or from any read model. All events of one unit of work share one instant.
        GenericEventMessage.clock = new UnitOfWorkClock(Clock.tick(Clock.systemUTC(), Duration.ofMillis(1)));
    }

    /** The server's clock for request times (hold expiry); UTC, to the millisecond like event timestamps. */
    @Bean
    public Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }

    /**
     * One Jackson mapper for events, messages, snapshots and tokens. It is separate from the HTTP mapper: the HTTP
     * side refuses unknown properties, while stored events must stay readable after a field is added.
     * Polymorphic default typing is never enabled.
     */
    @Bean
    @Primary
    public Serializer serializer() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    /**
     * Copies who did what from each command onto every event it applies: the principal, correlation id and
     * request id that {@code LedgerCommands} attaches. (It replaces Axon's default origin provider, whose
     * {@code correlationId} it keeps; the {@code traceId} that provider added is not used here.)
     */
    @Bean
    public CorrelationDataProvider auditCorrelation() {
        return new SimpleCorrelationDataProvider(AuditMetadata.PRINCIPAL, AuditMetadata.CORRELATION_ID,
                AuditMetadata.REQUEST_ID);
    }

    /** Recognises duplicate-key errors of H2 and PostgreSQL, which is how a write conflict surfaces. */
    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new UniqueViolationResolver();
    }

    @Bean
    public EventStorageEngine eventStorageEngine(Serializer serializer,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 PersistenceExceptionResolver persistenceExceptionResolver) {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .dataType(byte[].class)
                // Every event is chained to its stream's predecessor by hash as it is appended.
                .appendEvents(new ChainedAppendStatement())
                .build();
    }

    @Bean
    public EventSourcingRepository<Account> accountRepository(EventStore eventStore) {
        return LedgerRepositories.accounts(eventStore);
    }

    @Bean
    public EventSourcingRepository<Transfer> transferRepository(EventStore eventStore, LedgerProperties properties) {
        return LedgerRepositories.transfers(eventStore, properties.amountLimits());
    }

    @Bean
    public EventSourcingRepository<RefusedAttempt> refusalRepository(EventStore eventStore) {
        return LedgerRepositories.refusals(eventStore);
    }

    @Bean
    public HoldCommandHandler holdCommandHandler(EventSourcingRepository<Transfer> transferRepository,
                                                 EventSourcingRepository<Account> accountRepository) {
        return new HoldCommandHandler(transferRepository, accountRepository);
    }

    @Bean
    public ReversalCommandHandler reversalCommandHandler(EventSourcingRepository<Transfer> transferRepository,
                                                         EventSourcingRepository<Account> accountRepository,
                                                         EventStorageEngine eventStorageEngine) {
        return new ReversalCommandHandler(transferRepository, accountRepository, eventStorageEngine);
    }

    @Bean
    public BatchCommandHandler batchCommandHandler(TransferCommandHandler transferCommandHandler,
                                                   HoldCommandHandler holdCommandHandler,
                                                   LedgerProperties properties) {
        return new BatchCommandHandler(transferCommandHandler, holdCommandHandler, properties.maxBatchItems());
    }

    @Bean
    public RefusalCommandHandler refusalCommandHandler(EventSourcingRepository<RefusedAttempt> refusalRepository) {
        return new RefusalCommandHandler(refusalRepository);
    }

    @Bean
    public AccountCommandHandler accountCommandHandler(EventSourcingRepository<Account> accountRepository) {
        return new AccountCommandHandler(accountRepository);
    }

    @Bean
    public TransferCommandHandler transferCommandHandler(EventSourcingRepository<Transfer> transferRepository,
                                                         EventSourcingRepository<Account> accountRepository,
                                                         EventStorageEngine eventStorageEngine,
                                                         LedgerProperties properties) {
        return new TransferCommandHandler(transferRepository, accountRepository, eventStorageEngine,
                properties.amountLimits(), properties.maxBackdating());
    }
}
