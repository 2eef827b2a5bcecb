package io.ledger.command;

import io.ledger.command.account.Account;
import io.ledger.command.cache.LoadRecordingRepository;
import io.ledger.command.cache.StaleDecisionGuard;
import io.ledger.command.compliance.AlertReview;
import io.ledger.command.refusal.RefusedAttempt;
import io.ledger.command.transfer.Transfer;
import io.ledger.core.money.AmountLimits;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.modelling.command.Repository;

import java.time.Duration;
import java.util.List;

/** Builds the event-sourced repositories of the write side, so that the service and the tests wire them alike. */
public final class LedgerRepositories {

    private LedgerRepositories() {
    }

    /** How long a command waits for an account another unit of work holds, unless told otherwise. */
    public static final Duration DEFAULT_ACCOUNT_LOCK_WAIT = Duration.ofSeconds(10);

    public static EventSourcingRepository<Account> accounts(EventStore eventStore) {
        return accounts(eventStore, DEFAULT_ACCOUNT_LOCK_WAIT);
    }

    /** Accounts read from the event store on every load; a load waits at most {@code lockWait} for the lock. */
    public static EventSourcingRepository<Account> accounts(EventStore eventStore, Duration lockWait) {
        return EventSourcingRepository.builder(Account.class).eventStore(eventStore)
                .lockFactory(accountLocks(lockWait)).build();
    }

    public static Repository<Account> cachedAccounts(EventStore eventStore, Cache cache) {
        return cachedAccounts(eventStore, cache, DEFAULT_ACCOUNT_LOCK_WAIT);
    }

    /**
     * Accounts kept in {@code cache} between commands, so that a busy account is not replayed from its first
     * event on every transfer. Every load is recorded for the {@link StaleDecisionGuard}, which must be registered
     * on the command bus with it: a cached account can be behind the event store when another node wrote to it.
     */
    public static Repository<Account> cachedAccounts(EventStore eventStore, Cache cache, Duration lockWait) {
        return new LoadRecordingRepository<>(EventSourcingRepository.builder(Account.class)
                .eventStore(eventStore).cache(cache).lockFactory(accountLocks(lockWait)).build());
    }

    /**
     * Account locks that give up after {@code lockWait} with a {@link LockAcquisitionFailedException}. Axon's
     * default waits a minute, and a command that gave up was then tried again, so a request behind a queue of
     * large batches waited past any client's timeout, and its work went on after the client had left. Nor do they
     * look for deadlocks, which Axon's do at a cost that grows with the locks a batch holds
     * ({@link BoundedWaitLockFactory} says why the ledger can do without).
     */
    static LockFactory accountLocks(Duration lockWait) {
        return new BoundedWaitLockFactory(lockWait);
    }

    public static EventSourcingRepository<RefusedAttempt> refusals(EventStore eventStore) {
        return EventSourcingRepository.builder(RefusedAttempt.class).eventStore(eventStore).build();
    }

    /** The transfer's creation handler takes the configured {@link AmountLimits} as a resource. */
    public static EventSourcingRepository<Transfer> transfers(EventStore eventStore, AmountLimits limits) {
        return EventSourcingRepository.builder(Transfer.class)
                .eventStore(eventStore)
                .parameterResolverFactory(MultiParameterResolverFactory.ordered(
                        ClasspathParameterResolverFactory.forClass(Transfer.class),
                        new SimpleResourceParameterResolverFactory(List.of(limits))))
                .build();
    }

    public static EventSourcingRepository<AlertReview> alertReviews(EventStore eventStore) {
        return EventSourcingRepository.builder(AlertReview.class).eventStore(eventStore).build();
    }
}
