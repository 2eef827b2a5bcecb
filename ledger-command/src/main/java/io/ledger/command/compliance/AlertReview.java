package io.ledger.command.compliance;

import io.ledger.core.CommandOutcome;
import io.ledger.core.StreamIds;
import io.ledger.core.compliance.AlertReviewedEvent;
import io.ledger.core.compliance.ReviewAlertCommand;
import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The review of one compliance alert, in a stream of its own ({@code alert-review:<alertId>}). An alert is
 * reviewed once: a faithful repeat answers as a repeat and writes nothing, a review with other content is refused
 * with {@code ALERT_ALREADY_REVIEWED}. Whether the alert exists is the read side's knowledge; the API asks it
 * before it sends the command.
 */
public class AlertReview {

    static final int MAX_REVIEWER_LENGTH = 100;
    static final int MAX_NOTE_LENGTH = 1000;
    static final int MAX_ALERT_ID_LENGTH = 200;

    @AggregateIdentifier
    private String streamId;
    private String alertId;
    private String reviewer;
    private String note;

    protected AlertReview() {
        // Required by Axon to rebuild the review from its event, and to create it on its first command.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public CommandOutcome<String> handle(ReviewAlertCommand command) {
        requireValid(command);
        if (alertId == null) {
            apply(new AlertReviewedEvent(command.alertId(), command.reviewer(), command.note()));
            return CommandOutcome.created(command.alertId());
        }
        if (Objects.equals(reviewer, command.reviewer()) && Objects.equals(note, command.note())) {
            return CommandOutcome.repeated(alertId);
        }
        throw new LedgerException(LedgerErrorCode.ALERT_ALREADY_REVIEWED,
                "Alert " + alertId + " was already reviewed by " + reviewer + ".");
    }

    @EventSourcingHandler
    void on(AlertReviewedEvent event) {
        streamId = StreamIds.alertReview(event.alertId());
        alertId = event.alertId();
        reviewer = event.reviewer();
        note = event.note();
    }

    /** Checks a review without loading anything; the same checks its handler makes. */
    public static void requireValid(ReviewAlertCommand command) {
        if (command.alertId() == null || command.alertId().isBlank()
                || command.alertId().length() > MAX_ALERT_ID_LENGTH) {
            throw new LedgerException(LedgerErrorCode.INVALID_ID,
                    "An alert id has 1 to " + MAX_ALERT_ID_LENGTH + " characters.");
        }
        requireText(command.reviewer(), MAX_REVIEWER_LENGTH, "reviewer");
        requireText(command.note(), MAX_NOTE_LENGTH, "note");
    }

    private static void requireText(String text, int maxLength, String field) {
        if (text == null || text.isBlank() || text.length() > maxLength
                || text.chars().anyMatch(Character::isISOControl)) {
            throw new LedgerException(LedgerErrorCode.INVALID_REASON, "A " + field + " of 1 to " + maxLength
                    + " characters without control characters is required.");
        }
    }
}
