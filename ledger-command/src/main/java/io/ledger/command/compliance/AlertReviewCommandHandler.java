package io.ledger.command.compliance;

import io.ledger.command.Aggregates;
import io.ledger.core.CommandOutcome;
import io.ledger.core.compliance.ReviewAlertCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

import java.util.Optional;

/**
 * Reviews compliance alerts: creates the review's stream on the first review, and lets an existing review decide
 * whether a later one is a repeat or a conflict. Two concurrent first reviews both try to write sequence number 0
 * of the stream; one fails at commit and its retry takes the repeat-or-conflict path.
 */
public class AlertReviewCommandHandler {

    private final Repository<AlertReview> reviews;

    public AlertReviewCommandHandler(Repository<AlertReview> reviews) {
        this.reviews = reviews;
    }

    @CommandHandler
    public CommandOutcome<String> handle(ReviewAlertCommand command) {
        AlertReview.requireValid(command);
        Optional<Aggregate<AlertReview>> existing = Aggregates.loadIfPresent(reviews, command.streamId());
        if (existing.isPresent()) {
            return existing.get().invoke(review -> review.handle(command));
        }
        Aggregates.create(reviews, () -> {
            AlertReview review = new AlertReview();
            review.handle(command);
            return review;
        });
        return CommandOutcome.created(command.alertId());
    }
}
