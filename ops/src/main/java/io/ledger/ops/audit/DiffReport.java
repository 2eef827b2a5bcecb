package io.ledger.ops.audit;

import io.ledger.core.statement.StatementEntry;
import io.ledger.ops.store.StoredEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What changed between two instants, per account: the balances at each (record time, inclusive, as the service's
 * asOf) and every entry recorded after the first and at or before the second, with the request metadata of the
 * event that made it (principal, correlationId, requestId) when the event carries it.
 */
record DiffReport(String from, String to, List<AccountChange> accounts) {

    record AccountChange(String accountId, String currency, String postedFrom, String postedTo, String postedChange,
                         String pendingDebitsFrom, String pendingDebitsTo, String pendingCreditsFrom,
                         String pendingCreditsTo, List<EntryLine> entries) {
    }

    record EntryLine(long position, String recordedAt, String effectiveAt, String type, String transferId,
                     String counterpartyAccountId, String amount, String principal, String correlationId,
                     String requestId) {
    }

    /** Collects the entries of the window as the replay appends them. */
    static final class Window {
        private final Instant from;
        private final Instant to;
        private final Map<String, List<EntryLine>> linesByAccount = new TreeMap<>();

        Window(Instant from, Instant to) {
            this.from = from;
            this.to = to;
        }

        void accept(StoredEvent event, StatementEntry entry) {
            if (!entry.recordedAt().isAfter(from) || entry.recordedAt().isAfter(to)) {
                return;
            }
            Map<String, String> metadata = event.metadata();
            linesByAccount.computeIfAbsent(entry.accountId(), id -> new ArrayList<>()).add(new EntryLine(
                    entry.position(), entry.recordedAt().toString(), entry.effectiveAt().toString(),
                    entry.type().name(), entry.transferId(), entry.counterpartyAccountId(),
                    ReplayReport.money(entry.amountMinor(), entry.currency()), metadata.get("principal"),
                    metadata.get("correlationId"), metadata.get("requestId")));
        }
    }

    static DiffReport of(Instant from, Instant to, PointInTimeReplay.Result result, Window window) {
        Map<String, CutBalances> before = result.statements().balancesAt(0);
        Map<String, CutBalances> after = result.statements().balancesAt(1);
        List<AccountChange> changes = new ArrayList<>();
        for (Map.Entry<String, CutBalances> end : after.entrySet()) {
            String accountId = end.getKey();
            CutBalances start = before.getOrDefault(accountId, new CutBalances());
            List<EntryLine> lines = window.linesByAccount.getOrDefault(accountId, List.of());
            if (lines.isEmpty()) {
                continue;
            }
            String c = result.statements().currencyOf(accountId);
            CutBalances b = end.getValue();
            changes.add(new AccountChange(accountId, c, ReplayReport.money(start.postedMinor, c),
                    ReplayReport.money(b.postedMinor, c), ReplayReport.money(b.postedMinor - start.postedMinor, c),
                    ReplayReport.money(start.pendingDebitsMinor, c), ReplayReport.money(b.pendingDebitsMinor, c),
                    ReplayReport.money(start.pendingCreditsMinor, c), ReplayReport.money(b.pendingCreditsMinor, c),
                    lines));
        }
        return new DiffReport(from.toString(), to.toString(), changes);
    }
}
