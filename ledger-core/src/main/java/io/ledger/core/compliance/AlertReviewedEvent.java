package io.ledger.core.compliance;

import org.axonframework.serialization.Revision;

/** A compliance alert was reviewed; the review's instant is the event's timestamp. */
@Revision("1")
public record AlertReviewedEvent(String alertId, String reviewer, String note) {
}
