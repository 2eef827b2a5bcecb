package io.ledger.api.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ledger.core.RecordedBy;
import io.ledger.core.money.Amounts;
import io.ledger.core.statement.BalanceSnapshot;
import io.ledger.core.statement.EntryType;
import io.ledger.core.statement.StatementEntry;
import io.ledger.core.statement.TrialBalanceLine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Response shapes of statements, point-in-time balances and the trial balance. */
final class StatementResponses {

    private StatementResponses() {
    }

    /**
     * @param cause what the entry's transfer did: TRANSFER, REVERSAL, HOLD_PLACED, HOLD_POSTED, HOLD_VOIDED or
     *              HOLD_EXPIRED (absent for the opening entry)
     * @param recordedBy who caused it: principal, correlation id and request id (absent for entries recorded
     *                   before the ledger kept them)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Entry(long seq, long position, Instant recordedAt, EntryType type, String cause, String transferId,
                 String counterpartyAccountId, String amount, String currency, Map<String, String> metadata,
                 String postedAfter, String pendingDebitsAfter, String pendingCreditsAfter, Instant effectiveAt,
                 RecordedBy recordedBy) {

        static Entry of(StatementEntry e, String cause) {
            String c = e.currency();
            return new Entry(e.entrySeq(), e.position(), e.recordedAt(), e.type(), cause, e.transferId(),
                    e.counterpartyAccountId(), Amounts.format(e.amountMinor(), c), c, e.metadata(),
                    Amounts.format(e.postedAfterMinor(), c), Amounts.format(e.pendingDebitsAfterMinor(), c),
                    Amounts.format(e.pendingCreditsAfterMinor(), c), e.effectiveAt(), e.recordedBy());
        }
    }

    /** @param nextCursor pass as {@code cursor} for the next page; absent on the last page */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Page(String accountId, List<Entry> entries, String nextCursor) {
    }

    /**
     * @param position the global position of the last event this answer reflects
     * @param settled  true when {@code asOf} lies far enough in the past, and the views are caught up, for this
     *                 answer never to change; false while a write stamped at or before {@code asOf} could still
     *                 be committing
     */
    record BalanceAt(String accountId, Instant asOf, String currency, String posted, String pendingDebits,
                     String pendingCredits, String available, long position, boolean settled) {

        static BalanceAt of(StatementEntry e, Instant asOf, boolean settled) {
            String c = e.currency();
            return new BalanceAt(e.accountId(), asOf, c, Amounts.format(e.postedAfterMinor(), c),
                    Amounts.format(e.pendingDebitsAfterMinor(), c), Amounts.format(e.pendingCreditsAfterMinor(), c),
                    Amounts.format(e.postedAfterMinor() - e.pendingDebitsAfterMinor(), c), e.position(), settled);
        }
    }

    /** A bi-temporal balance: effective at {@code effectiveAt} (value date), as known at {@code knownAt}. */
    record BalanceEffective(String accountId, Instant effectiveAt, Instant knownAt, String currency, String posted,
                            String pendingDebits, String pendingCredits, String available, long position,
                            boolean settled) {

        static BalanceEffective of(BalanceSnapshot b, Instant effectiveAt, Instant knownAt, boolean settled) {
            String c = b.currency();
            return new BalanceEffective(b.accountId(), effectiveAt, knownAt, c, Amounts.format(b.postedMinor(), c),
                    Amounts.format(b.pendingDebitsMinor(), c), Amounts.format(b.pendingCreditsMinor(), c),
                    Amounts.format(b.postedMinor() - b.pendingDebitsMinor(), c), b.position(), settled);
        }
    }

    record TrialBalance(Instant asOf, List<Line> currencies, boolean balanced, boolean settled) {
    }

    record Line(String currency, String totalDebits, String totalCredits, String balanceSum, long accounts,
                boolean balanced) {

        static Line of(TrialBalanceLine l) {
            String c = l.currency();
            return new Line(c, Amounts.format(l.totalDebitsMinor(), c), Amounts.format(l.totalCreditsMinor(), c),
                    Amounts.format(l.balanceSumMinor(), c), l.accounts(), l.balanced());
        }
    }
}
