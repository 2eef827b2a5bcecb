package io.ledger.ops.audit;

import io.ledger.core.compliance.ComplianceRules;
import io.ledger.ops.store.EventReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code audit replay --until T [--known-at T2]}: the balances, trial balance and compliance alerts as they stood
 * at T, computed by replaying the event store through the service's own projections in memory.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replays every event up to an instant through the service's projections, in memory, and "
                + "prints the balances per account, the trial balance per currency and the compliance alerts as "
                + "they stood then.",
                "Without --known-at, --until is on the record-time axis of the service's asOf queries; with it, "
                + "--until is the value date and --known-at the knowledge time of its effectiveAt/knownAt query."})
public final class ReplayCommand implements Callable<Integer> {

    @Mixin
    AuditOptions options = new AuditOptions();

    @Option(names = "--until", required = true, paramLabel = "INSTANT", converter = AuditOptions.InstantConverter.class,
            description = "The instant, ISO 8601 with an offset (2026-06-30T17:00:00Z); inclusive.")
    Instant until;

    @Option(names = "--known-at", paramLabel = "INSTANT", converter = AuditOptions.InstantConverter.class,
            description = "Bi-temporal view: balances effective at --until as the ledger knew them at this instant.")
    Instant knownAt;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json|csv",
            converter = FormatConverter.class, description = "Report format (default: ${DEFAULT-VALUE}).")
    ReportFormat format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Cut cut = knownAt == null ? Cut.asOf(until) : new Cut(until, knownAt);
        Instant knowledge = knownAt == null ? until : knownAt;
        try (Connection connection = options.store.openReadOnly()) {
            EventReader reader = new EventReader(connection);
            Progress progress = options.progress(System.err, "audit replay", reader.lastIndex());
            PointInTimeReplay.Result result = new PointInTimeReplay(ComplianceRules.DEFAULT, options.settleWindow)
                    .run(reader, List.of(cut), knowledge, progress, (event, entry) -> { });
            result.unknownPayloadTypes().forEach(type ->
                    System.err.println("audit replay: skipped events of unknown type " + type));
            options.emit(render(ReplayReport.of(until, knownAt, result), format), spec.commandLine().getOut());
            return 0;
        }
    }

    static String render(ReplayReport report, ReportFormat format) {
        return switch (format) {
            case JSON -> ReportFormat.json(report);
            case TABLE -> ReportFormat.table("Balances at " + report.until()
                            + (report.knownAt() == null ? "" : " as known at " + report.knownAt())
                            + " (position " + report.position() + ")",
                    List.of("account", "currency", "status", "posted", "pending debits", "pending credits",
                            "available"), report.accounts(),
                    a -> java.util.Arrays.asList(a.accountId(), a.currency(), a.status(), a.posted(), a.pendingDebits(),
                            a.pendingCredits(), a.available()))
                    + trialTable(report) + alertTable(report);
            case CSV -> ReportFormat.csv("account", List.of("account", "currency", "name", "status", "posted",
                            "pending_debits", "pending_credits", "available"), report.accounts(),
                    a -> java.util.Arrays.asList(a.accountId(), a.currency(), a.name(), a.status(), a.posted(), a.pendingDebits(),
                            a.pendingCredits(), a.available()))
                    + ReportFormat.csv("trial_balance", List.of("currency", "total_debits", "total_credits",
                            "balance_sum", "accounts", "balanced"), report.trialBalance(),
                    t -> java.util.Arrays.asList(t.currency(), t.totalDebits(), t.totalCredits(), t.balanceSum(), t.accounts(),
                            t.balanced()))
                    + ReportFormat.csv("alert", List.of("alert_id", "type", "account", "transfer", "amount",
                            "currency", "raised_at", "status", "reviewed_by", "reviewed_at", "details"),
                    report.alerts(), ReplayCommand::alertCells);
        };
    }

    private static String trialTable(ReplayReport report) {
        return ReportFormat.table("Trial balance", List.of("currency", "total debits", "total credits",
                        "balance sum", "accounts", "balanced"), report.trialBalance(),
                t -> java.util.Arrays.asList(t.currency(), t.totalDebits(), t.totalCredits(), t.balanceSum(), t.accounts(),
                        t.balanced()));
    }

    private static String alertTable(ReplayReport report) {
        return ReportFormat.table("Compliance alerts", List.of("alert", "type", "account", "transfer", "amount",
                "currency", "raised at", "status", "reviewed by", "reviewed at", "details"), report.alerts(),
                ReplayCommand::alertCells);
    }

    private static List<Object> alertCells(ReplayReport.AlertLine a) {
        return java.util.Arrays.asList(a.alertId(), a.type(), a.accountId(), a.transferId(), a.amount(),
                a.currency(), a.raisedAt(), a.status(), a.reviewedBy(), a.reviewedAt(), a.details());
    }

    static final class FormatConverter implements CommandLine.ITypeConverter<ReportFormat> {
        @Override
        public ReportFormat convert(String value) {
            try {
                return ReportFormat.valueOf(value.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not one of table, json, csv");
            }
        }
    }
}
