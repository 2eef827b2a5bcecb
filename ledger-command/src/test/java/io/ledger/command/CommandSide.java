package io.ledger.command;

import io.ledger.command.account.AccountCommandHandler;
import io.ledger.command.transfer.BatchCommandHandler;
import io.ledger.command.transfer.HoldCommandHandler;
import io.ledger.command.transfer.ReversalCommandHandler;
import io.ledger.command.transfer.TransferCommandHandler;
import io.ledger.command.transfer.TransferGroupHandler;
import io.ledger.core.StreamIds;
import io.ledger.core.account.AccountCreditedEvent;
import io.ledger.core.account.AccountDebitedEvent;
import io.ledger.core.account.AccountHoldReleasedEvent;
import io.ledger.core.account.AccountHoldReservedEvent;
import io.ledger.core.account.LegSide;
import io.ledger.core.money.AmountLimits;
import org.axonframework.commandhandling.AnnotationCommandHandlerAdapter;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;

import java.util.List;

/**
 * The whole write side over an in-memory event store, wired as the service wires it: a real command bus, the
 * event-sourced repositories and every command handler. What a test reads back is what the store holds after the
 * unit of work committed or rolled back.
 */
public final class CommandSide implements AutoCloseable {

    public static final int MAX_BATCH_ITEMS = 1_000;

    private final InMemoryEventStorageEngine storageEngine = new InMemoryEventStorageEngine();
    private final EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(storageEngine).build();
    private final CommandGateway gateway;

    public CommandSide() {
        var accounts = LedgerRepositories.accounts(store);
        var transfers = LedgerRepositories.transfers(store, AmountLimits.DEFAULT);
        var transferHandler = new TransferCommandHandler(transfers, accounts, storageEngine, AmountLimits.DEFAULT);
        var holdHandler = new HoldCommandHandler(transfers, accounts);
        CommandBus bus = SimpleCommandBus.builder().build();
        new AnnotationCommandHandlerAdapter<>(new AccountCommandHandler(accounts)).subscribe(bus);
        new AnnotationCommandHandlerAdapter<>(transferHandler).subscribe(bus);
        new AnnotationCommandHandlerAdapter<>(holdHandler).subscribe(bus);
        new AnnotationCommandHandlerAdapter<>(new ReversalCommandHandler(transfers, accounts, storageEngine))
                .subscribe(bus);
        new AnnotationCommandHandlerAdapter<>(new BatchCommandHandler(transferHandler, holdHandler, accounts,
                MAX_BATCH_ITEMS))
                .subscribe(bus);
        new AnnotationCommandHandlerAdapter<>(new TransferGroupHandler(transferHandler, accounts)).subscribe(bus);
        gateway = DefaultCommandGateway.builder().commandBus(bus).build();
    }

    /** Sends {@code command} and waits for its result; a refusal is thrown as the handler threw it. */
    public <R> R send(Object command) {
        return gateway.sendAndWait(command);
    }

    public List<Object> payloadsOf(String streamId) {
        return store.readEvents(streamId).asStream().map(EventMessage::getPayload).map(Object.class::cast).toList();
    }

    /** The stream's events as stored, with their metadata. */
    public List<DomainEventMessage<?>> messagesOf(String streamId) {
        return store.readEvents(streamId).asStream().<DomainEventMessage<?>>map(message -> message).toList();
    }

    public List<Object> accountEvents(String accountId) {
        return payloadsOf(StreamIds.account(accountId));
    }

    public List<Object> transferEvents(String transferId) {
        return payloadsOf(StreamIds.transfer(transferId));
    }

    public long eventCount() {
        return storageEngine.readEvents(null, false).count();
    }

    /** The account's balances, folded from its own event stream. */
    public Balance balanceOf(String accountId) {
        long posted = 0;
        long pendingDebits = 0;
        long pendingCredits = 0;
        for (Object event : accountEvents(accountId)) {
            if (event instanceof AccountDebitedEvent debited) {
                posted -= debited.amountMinor();
            } else if (event instanceof AccountCreditedEvent credited) {
                posted += credited.amountMinor();
            } else if (event instanceof AccountHoldReservedEvent reserved) {
                if (reserved.side() == LegSide.DEBIT) {
                    pendingDebits += reserved.amountMinor();
                } else {
                    pendingCredits += reserved.amountMinor();
                }
            } else if (event instanceof AccountHoldReleasedEvent released) {
                if (released.side() == LegSide.DEBIT) {
                    pendingDebits -= released.amountMinor();
                } else {
                    pendingCredits -= released.amountMinor();
                }
            }
        }
        return new Balance(posted, pendingDebits, pendingCredits);
    }

    @Override
    public void close() {
        store.shutDown();
    }

    /** Balances in minor units: posted is credits minus debits; pending amounts are reserved by holds. */
    public record Balance(long postedMinor, long pendingDebitsMinor, long pendingCreditsMinor) {

        public long availableMinor() {
            return postedMinor - pendingDebitsMinor;
        }
    }
}
