package io.ledger.core.compliance;

import java.time.Instant;

/**
 * A compliance alert as the compliance view holds it. {@code alertId} is derived from the triggering event
 * ({@code TYPE:transferOrRefusalId[:accountId]}), so a replay raises the same ids. {@code transferId},
 * {@code amountMinor} and {@code currency} are null when the triggering event did not carry them; the review
 * fields are null while the alert is open.
 */
public record ComplianceAlert(
        String alertId,
        long alertSeq,
        AlertType type,
        String accountId,
        String transferId,
        Long amountMinor,
        String currency,
        Instant raisedAt,
        String ruleVersion,
        String details,
        AlertStatus status,
        String reviewedBy,
        String reviewNote,
        Instant reviewedAt) {

    /** A new, open alert; its sequence number is assigned by the store. */
    public static ComplianceAlert open(String alertId, AlertType type, String accountId, String transferId,
                                       Long amountMinor, String currency, Instant raisedAt, String ruleVersion,
                                       String details) {
        return new ComplianceAlert(alertId, 0, type, accountId, transferId, amountMinor, currency, raisedAt,
                ruleVersion, details, AlertStatus.OPEN, null, null, null);
    }

    public ComplianceAlert withSeq(long seq) {
        return new ComplianceAlert(alertId, seq, type, accountId, transferId, amountMinor, currency, raisedAt,
                ruleVersion, details, status, reviewedBy, reviewNote, reviewedAt);
    }

    public ComplianceAlert reviewed(String reviewer, String note, Instant at) {
        return new ComplianceAlert(alertId, alertSeq, type, accountId, transferId, amountMinor, currency, raisedAt,
                ruleVersion, details, AlertStatus.REVIEWED, reviewer, note, at);
    }
}
