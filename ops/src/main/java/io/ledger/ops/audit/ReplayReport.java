package io.ledger.ops.audit;

import io.ledger.core.account.AccountView;
import io.ledger.core.compliance.ComplianceAlert;
import io.ledger.core.money.Amounts;
import io.ledger.core.statement.TrialBalanceLine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the books said at an instant: balances per account, the trial balance per currency and the compliance
 * alerts. Amounts are decimal strings in their currency, as the API writes them. Nothing in it depends on when or
 * where the replay ran, so the same store and the same instants give the same report, byte for byte.
 *
 * @param until    the instant asked about (record time, or value date when {@code knownAt} is given)
 * @param knownAt  the knowledge instant of a bi-temporal replay; null for "as of until"
 * @param position the global position of the last event applied
 */
record ReplayReport(String until, String knownAt, long position, List<AccountLine> accounts,
                    List<TrialLine> trialBalance, List<AlertLine> alerts) {

    record AccountLine(String accountId, String currency, String name, String status, String posted,
                       String pendingDebits, String pendingCredits, String available) {
    }

    record TrialLine(String currency, String totalDebits, String totalCredits, String balanceSum, long accounts,
                     boolean balanced) {
    }

    record AlertLine(String alertId, String type, String accountId, String transferId, String amount,
                     String currency, String raisedAt, String status, String reviewedBy, String reviewedAt,
                     String details) {
    }

    static ReplayReport of(Instant until, Instant knownAt, PointInTimeReplay.Result result) {
        Map<String, CutBalances> balances = result.statements().balancesAt(0);
        List<AccountLine> accounts = new ArrayList<>();
        balances.forEach((accountId, b) -> accounts.add(accountLine(accountId, b, result)));
        List<TrialLine> trial = result.statements().trialBalanceAt(0).stream().map(ReplayReport::trialLine).toList();
        Instant alertCutoff = knownAt == null || until.isBefore(knownAt) ? until : knownAt;
        List<AlertLine> alerts = result.compliance().alerts().stream()
                .filter(a -> !a.raisedAt().isAfter(alertCutoff))
                .map(ReplayReport::alertLine).toList();
        return new ReplayReport(until.toString(), knownAt == null ? null : knownAt.toString(),
                result.lastAppliedIndex(), accounts, trial, alerts);
    }

    private static AccountLine accountLine(String accountId, CutBalances b, PointInTimeReplay.Result result) {
        String currency = result.statements().currencyOf(accountId);
        AccountView view = result.balances().findAccount(accountId).orElse(null);
        return new AccountLine(accountId, currency, view == null ? null : view.name(),
                view == null ? null : view.status().name(), money(b.postedMinor, currency),
                money(b.pendingDebitsMinor, currency), money(b.pendingCreditsMinor, currency),
                money(b.availableMinor(), currency));
    }

    private static TrialLine trialLine(TrialBalanceLine line) {
        String c = line.currency();
        return new TrialLine(c, money(line.totalDebitsMinor(), c), money(line.totalCreditsMinor(), c),
                money(line.balanceSumMinor(), c), line.accounts(), line.balanced());
    }

    private static AlertLine alertLine(ComplianceAlert a) {
        return new AlertLine(a.alertId(), a.type().name(), a.accountId(), a.transferId(),
                a.amountMinor() == null ? null : money(a.amountMinor(), a.currency()), a.currency(),
                a.raisedAt().toString(), a.status().name(), a.reviewedBy(),
                a.reviewedAt() == null ? null : a.reviewedAt().toString(), a.details());
    }

    static String money(long minor, String currency) {
        return Amounts.format(minor, currency);
    }
}
