package io.ledger.ops.audit;

import io.ledger.core.compliance.ComplianceRules;
import io.ledger.ops.store.EventReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code audit diff --from T1 --to T2}: what changed between two instants, per account. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Per account, the balances at two instants (record time, inclusive) and every entry recorded "
                + "between them (after --from, at or before --to), with who asked for it when the event says so.")
public final class DiffCommand implements Callable<Integer> {

    @Mixin
    AuditOptions options = new AuditOptions();

    @Option(names = "--from", required = true, paramLabel = "INSTANT", converter = AuditOptions.InstantConverter.class,
            description = "The earlier instant, ISO 8601 with an offset.")
    Instant from;

    @Option(names = "--to", required = true, paramLabel = "INSTANT", converter = AuditOptions.InstantConverter.class,
            description = "The later instant, ISO 8601 with an offset.")
    Instant to;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json|csv",
            converter = ReplayCommand.FormatConverter.class, description = "Report format (default: ${DEFAULT-VALUE}).")
    ReportFormat format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (from.isAfter(to)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--from must not be after --to");
        }
        try (Connection connection = options.store.openReadOnly()) {
            EventReader reader = new EventReader(connection);
            Progress progress = options.progress(System.err, "audit diff", reader.lastIndex());
            DiffReport.Window window = new DiffReport.Window(from, to);
            PointInTimeReplay.Result result = new PointInTimeReplay(ComplianceRules.DEFAULT, options.settleWindow)
                    .run(reader, List.of(Cut.asOf(from), Cut.asOf(to)), to, progress, window::accept);
            options.emit(render(DiffReport.of(from, to, result, window), format), spec.commandLine().getOut());
            return 0;
        }
    }

    static String render(DiffReport report, ReportFormat format) {
        List<String[]> rows = new ArrayList<>();
        report.accounts().forEach(a -> a.entries().forEach(e -> rows.add(new String[] {a.accountId(), a.currency(),
                Long.toString(e.position()), e.recordedAt(), e.effectiveAt(), e.type(), e.transferId(),
                e.counterpartyAccountId(), e.amount(), e.principal(), e.correlationId(), e.requestId()})));
        List<String> entryHeaders = List.of("account", "currency", "position", "recorded at", "effective at", "type",
                "transfer", "counterparty", "amount", "principal", "correlation id", "request id");
        return switch (format) {
            case JSON -> ReportFormat.json(report);
            case TABLE -> ReportFormat.table("Changes from " + report.from() + " to " + report.to(),
                    List.of("account", "currency", "posted at from", "posted at to", "change", "pending debits",
                            "pending credits", "entries"), report.accounts(),
                    a -> Arrays.asList(a.accountId(), a.currency(), a.postedFrom(), a.postedTo(), a.postedChange(),
                            a.pendingDebitsFrom() + " -> " + a.pendingDebitsTo(),
                            a.pendingCreditsFrom() + " -> " + a.pendingCreditsTo(), a.entries().size()))
                    + ReportFormat.table("Entries", entryHeaders, rows, r -> Arrays.asList((Object[]) r));
            case CSV -> ReportFormat.csv("change", List.of("account", "currency", "posted_from", "posted_to",
                            "posted_change", "pending_debits_from", "pending_debits_to", "pending_credits_from",
                            "pending_credits_to"), report.accounts(),
                    a -> Arrays.asList(a.accountId(), a.currency(), a.postedFrom(), a.postedTo(), a.postedChange(),
                            a.pendingDebitsFrom(), a.pendingDebitsTo(), a.pendingCreditsFrom(), a.pendingCreditsTo()))
                    + ReportFormat.csv("entry", entryHeaders.stream().map(h -> h.replace(' ', '_')).toList(), rows,
                    r -> Arrays.asList((Object[]) r));
        };
    }
}
