package io.ledger.api.web;

import io.ledger.core.compliance.ComplianceAlert;
import io.ledger.core.money.Amounts;

import java.time.Instant;
import java.util.List;

/** Response bodies of the compliance endpoints; amounts as decimal strings. */
public final class ComplianceResponses {

    private ComplianceResponses() {
    }

    public record Alert(String id, String type, String accountId, String transferId, String amount, String currency,
                        Instant raisedAt, String ruleVersion, String details, String status, String reviewedBy,
                        String reviewNote, Instant reviewedAt) {

        static Alert of(ComplianceAlert a) {
            String amount = a.amountMinor() == null || a.currency() == null
                    ? null : Amounts.format(a.amountMinor(), a.currency());
            return new Alert(a.alertId(), a.type().name(), a.accountId(), a.transferId(), amount, a.currency(),
                    a.raisedAt(), a.ruleVersion(), a.details(), a.status().name(), a.reviewedBy(), a.reviewNote(),
                    a.reviewedAt());
        }
    }

    public record Page(List<Alert> alerts, String nextCursor) {
    }

    public record ReviewRequest(String reviewer, String note) {
    }
}
