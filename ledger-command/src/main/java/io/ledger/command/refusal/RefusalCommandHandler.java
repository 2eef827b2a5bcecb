package io.ledger.command.refusal;

import io.ledger.command.Aggregates;
import io.ledger.core.refusal.RecordRefusalCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;

/** Records business refusals, each in a new stream. */
public class RefusalCommandHandler {

    private final Repository<RefusedAttempt> refusals;

    public RefusalCommandHandler(Repository<RefusedAttempt> refusals) {
        this.refusals = refusals;
    }

    @CommandHandler
    public void handle(RecordRefusalCommand command) {
        Aggregates.create(refusals, () -> new RefusedAttempt(command));
    }
}
