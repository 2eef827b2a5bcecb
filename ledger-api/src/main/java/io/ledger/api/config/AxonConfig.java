package io.ledger.api.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.benmanes.caffeine.jcache.configuration.CaffeineConfiguration;
import com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider;
import io.ledger.api.chain.ChainedAppendStatement;
import io.ledger.api.chain.StreamHeadCache;
import io.ledger.api.command.AuditMetadata;
import io.ledger.command.LedgerRepositories;
import io.ledger.command.UnitOfWorkClock;
import io.ledger.command.account.Account;
import io.ledger.command.account.AccountCommandHandler;
import io.ledger.command.cache.StaleDecisionGuard;
import io.ledger.command.refusal.RefusalCommandHandler;
import io.ledger.command.refusal.RefusedAttempt;
import io.ledger.command.transfer.BatchCommandHandler;
import io.ledger.command.transfer.TransferGroupHandler;
import io.ledger.command.transfer.HoldCommandHandler;
import io.ledger.command.transfer.ReversalCommandHandler;
import io.ledger.command.transfer.Transfer;
import io.ledger.command.transfer.TransferCommandHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.JCacheAdapter;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.command.Repository;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

import javax.cache.CacheManager;
import javax.cache.Caching;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Wiring of the write side on Axon: a JDBC event store in the ledger's own database, Jackson for every
 * serialized form, and the command handlers with their repositories.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfig {

    /** The {@code cache} tag of the account cache's meters. */
    static final String ACCOUNT_CACHE_TAG = "accounts";

    static {
        // Axon's update checker would phone home on start; a ledger makes no calls out that nobody asked for.
        System.setProperty("axoniq.update-checker.disabled", "true");
        // Event timestamps are server-assigned and kept to the millisecond, the precision in which Axon's JDBC
        // event store writes them, so that the instant a command answers with equals the one read back later
        // from the event store or from any read model. All events of one unit of work share one instant.
        GenericEventMessage.clock = new UnitOfWorkClock(Clock.tick(Clock.systemUTC(), Duration.ofMillis(1)));
    }

    /**
     * Axon's embedded event store as its auto-configuration builds it (the same monitor and span factory), but
     * one that gathers a unit of work's staged events in linear time ({@link LargeUnitOfWorkEventStore} says why).
     */
    @Bean
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine,
                                         org.axonframework.config.Configuration configuration) {
        return new LargeUnitOfWorkEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class)));
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

    /**
     * The event store, with its gap settings chosen together with the bound on write transactions
     * ({@link StoreProperties}): a gap in the global index is a transaction still open or one rolled back, and the
     * processors may give up on it only once no transaction that could fill it can still commit.
     * <ul>
     *   <li>{@code gapTimeout} (60 s) is more than twice the longest write transaction (10 s) plus clock
     *   differences between nodes: the events after a gap were stamped before their own insert, which may itself
     *   have taken up to one transaction's length.</li>
     *   <li>{@code maxGapOffset} (Axon's default is 10,000) drops a gap once that many positions were written after
     *   it, however young it is: at 10,000 events per second a transaction open for one second would be skipped.
     *   One million covers the gap timeout at over 16,000 events per second; a token carries only the real gaps
     *   (rolled-back inserts), so a large offset costs nothing until there are many of them, and then the cleaning
     *   by time removes the old ones.</li>
     * </ul>
     * Payloads are {@code byte[]} ({@code BYTEA} on PostgreSQL, never large objects). Write transactions are
     * bounded by {@link BoundedJdbcEventStorageEngine}.
     */
    @Bean
    public EventStorageEngine eventStorageEngine(Serializer serializer,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 StoreProperties store,
                                                 Clock clock,
                                                 Environment environment,
                                                 StreamHeadCache streamHeads,
                                                 MeterRegistry meters) {
        warnIfGapTimeoutTooShort(store);
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .dataType(byte[].class)
                // Pages as large as the balance view's batches (application.yml): a batch takes only the events
                // already fetched, and a page boundary inside one write's events would split them between batches.
                .batchSize(1000)
                // Every event is chained to its stream's predecessor by hash as it is appended; the streams this
                // node wrote last are remembered as long as the accounts are (ledger.account-cache-entries).
                .appendEvents(new ChainedAppendStatement(streamHeads))
                .gapTimeout(Math.toIntExact(store.gapTimeout().toMillis()))
                .gapCleaningThreshold(store.gapCleaningThreshold())
                .maxGapOffset(store.maxGapOffset());
        boolean postgres = environment.getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql:");
        if (!postgres) {
            // H2 scans the whole store for Axon's read of a token with gaps; see IndexedGapRead.
            builder.readEventDataWithGaps(new IndexedGapRead());
        }
        return new BoundedJdbcEventStorageEngine(builder, store.appendDeadline(), clock,
                postgres ? BoundedJdbcEventStorageEngine.postgresTransactionLimits(store) : null, meters);
    }

    /** The chain hashes this node appended last, remembered as many streams as accounts are cached. */
    @Bean
    public StreamHeadCache streamHeadCache(LedgerProperties properties) {
        return new StreamHeadCache(properties.accountCacheEntries());
    }

    /**
     * The gap timeout must exceed twice the longest write transaction (see {@link #eventStorageEngine}); a
     * deployment that breaks this may have events skipped by the views, which the reconciliation check would
     * report. Zero timeouts mean no bound at all.
     */
    private static void warnIfGapTimeoutTooShort(StoreProperties store) {
        boolean unbounded = store.statementTimeout().isZero() || store.idleInTransactionTimeout().isZero();
        if (unbounded || store.gapTimeout().compareTo(store.longestWriteTransaction().multipliedBy(2)) <= 0) {
            LoggerFactory.getLogger(AxonConfig.class).error("ledger.store.gap-timeout ({}) is not more than twice the "
                    + "longest write transaction ({}): a view may skip events of a slow transaction",
                    store.gapTimeout(), unbounded ? "unbounded" : store.longestWriteTransaction());
        }
    }

    /**
     * Accounts, kept in a bounded in-memory cache between commands ({@code ledger.account-cache-entries}) unless
     * that is 0. With the cache comes the {@link StaleDecisionGuard} on the command bus: on several nodes a cached
     * account can be behind the event store, and the guard re-decides on stored state any answer that wrote nothing
     * to an account (a refusal, a repeat). Decisions that write are checked by the event table's unique key.
     */
    @Bean
    public Repository<Account> accountRepository(EventStore eventStore, EventStorageEngine eventStorageEngine,
                                                 CommandBus commandBus, LedgerProperties properties,
                                                 MeterRegistry meters) {
        if (properties.accountCacheEntries() <= 0) {
            return LedgerRepositories.accounts(eventStore, properties.accountLockWait());
        }
        commandBus.registerHandlerInterceptor(new StaleDecisionGuard(eventStorageEngine));
        return LedgerRepositories.cachedAccounts(eventStore,
                accountCache(properties.accountCacheEntries(), meters), properties.accountLockWait());
    }

    /**
     * Least-recently-used eviction beyond {@code entries}; entries are held by reference, never copied.
     * Caffeine records its own statistics (hits, misses, evictions) for Micrometer's Caffeine binder, tagged
     * {@code cache=accounts}. They are read straight from the cache on a scrape; the JCache statistics would be
     * reached through JMX instead, under a name that contains this cache's random suffix.
     */
    private static Cache accountCache(int entries, MeterRegistry meters) {
        CaffeineConfiguration<Object, Object> configuration = new CaffeineConfiguration<>();
        configuration.setMaximumSize(OptionalLong.of(entries));
        configuration.setStoreByValue(false);
        configuration.setNativeStatisticsEnabled(true);
        CacheManager caches = Caching.getCachingProvider(CaffeineCachingProvider.class.getName()).getCacheManager();
        String name = "ledger-accounts-" + UUID.randomUUID();
        javax.cache.Cache<Object, Object> cache = caches.createCache(name, configuration);
        CaffeineCacheMetrics.monitor(meters, cache.unwrap(com.github.benmanes.caffeine.cache.Cache.class),
                ACCOUNT_CACHE_TAG);
        return new JCacheAdapter(cache);
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
                                                 Repository<Account> accountRepository) {
        return new HoldCommandHandler(transferRepository, accountRepository);
    }

    @Bean
    public ReversalCommandHandler reversalCommandHandler(EventSourcingRepository<Transfer> transferRepository,
                                                         Repository<Account> accountRepository,
                                                         EventStorageEngine eventStorageEngine) {
        return new ReversalCommandHandler(transferRepository, accountRepository, eventStorageEngine);
    }

    @Bean
    public BatchCommandHandler batchCommandHandler(TransferCommandHandler transferCommandHandler,
                                                   HoldCommandHandler holdCommandHandler,
                                                   Repository<Account> accountRepository,
                                                   LedgerProperties properties) {
        return new BatchCommandHandler(transferCommandHandler, holdCommandHandler, accountRepository,
                properties.maxBatchItems());
    }

    @Bean
    public TransferGroupHandler transferGroupHandler(TransferCommandHandler transferCommandHandler,
                                                     Repository<Account> accountRepository) {
        return new TransferGroupHandler(transferCommandHandler, accountRepository);
    }

    @Bean
    public RefusalCommandHandler refusalCommandHandler(EventSourcingRepository<RefusedAttempt> refusalRepository) {
        return new RefusalCommandHandler(refusalRepository);
    }

    @Bean
    public AccountCommandHandler accountCommandHandler(Repository<Account> accountRepository) {
        return new AccountCommandHandler(accountRepository);
    }

    @Bean
    public TransferCommandHandler transferCommandHandler(EventSourcingRepository<Transfer> transferRepository,
                                                         Repository<Account> accountRepository,
                                                         EventStorageEngine eventStorageEngine,
                                                         LedgerProperties properties) {
        return new TransferCommandHandler(transferRepository, accountRepository, eventStorageEngine,
                properties.amountLimits(), properties.maxBackdating());
    }
}
