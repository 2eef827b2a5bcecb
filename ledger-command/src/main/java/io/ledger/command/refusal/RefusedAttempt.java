package io.ledger.command.refusal;

import io.ledger.core.StreamIds;
import io.ledger.core.refusal.CommandRefusedEvent;
import io.ledger.core.refusal.RecordRefusalCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A declined attempt, kept in a stream of its own ({@code refusal:<id>}). It is written after the refused
 * command's transaction rolled back, never touches an account, and exists so that compliance views and auditors
 * can see what was refused and why.
 */
public class RefusedAttempt {

    @AggregateIdentifier
    private String streamId;

    protected RefusedAttempt() {
        // Required by Axon to rebuild the record from its event.
    }

    @CommandHandler
    public RefusedAttempt(RecordRefusalCommand command) {
        apply(new CommandRefusedEvent(command.refusalId(), command.commandType(), command.request(),
                command.accountIds(), command.code(), command.message()));
    }

    @EventSourcingHandler
    void on(CommandRefusedEvent event) {
        streamId = StreamIds.refusal(event.refusalId());
    }
}
