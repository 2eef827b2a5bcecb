package io.ledger.core.compliance;

import io.ledger.core.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that {@code reviewer} looked at an alert, with a note; an alert is reviewed once. */
public record ReviewAlertCommand(String alertId, String reviewer, String note) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.alertReview(alertId);
    }
}
