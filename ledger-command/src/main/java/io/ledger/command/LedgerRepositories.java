package io.ledger.command;

import io.ledger.command.account.Account;
import io.ledger.command.compliance.AlertReview;
import io.ledger.command.refusal.RefusedAttempt;
import io.ledger.command.transfer.Transfer;
import io.ledger.core.money.AmountLimits;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;

import java.util.List;

/** Builds the event-sourced repositories of the write side, so that the service and the tests wire them alike. */
public final class LedgerRepositories {

    private LedgerRepositories() {
    }

    public static EventSourcingRepository<Account> accounts(EventStore eventStore) {
        return EventSourcingRepository.builder(Account.class).eventStore(eventStore).build();
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
