package io.ledger.ops.audit;

import io.ledger.core.account.AccountView;
import io.ledger.core.statement.EntryType;
import io.ledger.core.statement.StatementEntry;
import io.ledger.core.transfer.TransferKind;
import io.ledger.core.transfer.TransferStatus;
import io.ledger.core.transfer.TransferView;
import io.ledger.core.money.Amounts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ledger's invariants over the replayed views: every currency's trial balance nets to zero, no account is
 * beyond its overdraft limit, and every transfer has exactly the legs its record says (both legs of a posted
 * transfer or reversal; a hold's two reservations, their releases once it has an outcome, and the legs of what
 * was posted).
 */
final class ViewInvariants {

    private ViewInvariants() {
    }

    static void check(List<AccountView> accounts, List<TransferView> transfers, List<StatementEntry> entries,
                      Discrepancies found) {
        trialBalance(accounts, entries, found);
        limits(accounts, found);
        legs(transfers, entries, found);
    }

    private static void trialBalance(List<AccountView> accounts, List<StatementEntry> entries, Discrepancies found) {
        Map<String, long[]> byCurrency = new TreeMap<>();
        accounts.forEach(a -> byCurrency.computeIfAbsent(a.currency(), c -> new long[3])[0] += a.postedMinor());
        entries.forEach(e -> {
            if (e.type() == EntryType.DEBIT) {
                byCurrency.computeIfAbsent(e.currency(), c -> new long[3])[1] += e.amountMinor();
            } else if (e.type() == EntryType.CREDIT) {
                byCurrency.computeIfAbsent(e.currency(), c -> new long[3])[2] += e.amountMinor();
            }
        });
        byCurrency.forEach((currency, sums) -> {
            if (sums[0] != 0 || sums[1] != sums[2]) {
                found.add("trial balance", currency + ": balances sum to " + Amounts.format(sums[0], currency)
                        + ", debits " + Amounts.format(sums[1], currency) + ", credits "
                        + Amounts.format(sums[2], currency));
            }
        });
    }

    private static void limits(List<AccountView> accounts, Discrepancies found) {
        for (AccountView a : accounts) {
            if (!a.unlimitedOverdraft() && a.availableMinor() < -a.overdraftLimitMinor()) {
                found.add("overdraft limits", a.accountId() + ": available "
                        + Amounts.format(a.availableMinor(), a.currency()) + " is beyond its limit of "
                        + Amounts.format(a.overdraftLimitMinor(), a.currency()));
            }
        }
    }

    private static void legs(List<TransferView> transfers, List<StatementEntry> entries, Discrepancies found) {
        Map<String, List<String>> actual = new HashMap<>();
        entries.forEach(e -> {
            if (e.transferId() != null) {
                actual.computeIfAbsent(e.transferId(), id -> new ArrayList<>()).add(leg(e.type(), e.accountId(),
                        e.amountMinor()));
            }
        });
        for (TransferView t : transfers) {
            List<String> want = expectedLegs(t);
            List<String> have = new ArrayList<>(actual.getOrDefault(t.transferId(), List.of()));
            want.sort(null);
            have.sort(null);
            if (!want.equals(have)) {
                found.add("transfer legs", t.transferId() + " (" + t.kind() + ", " + t.status() + ") has legs "
                        + have + " where its record needs " + want);
            }
        }
    }

    static List<String> expectedLegs(TransferView t) {
        List<String> legs = new ArrayList<>();
        if (t.kind() != TransferKind.HOLD) {
            legs.add(leg(EntryType.DEBIT, t.debitAccountId(), t.amountMinor()));
            legs.add(leg(EntryType.CREDIT, t.creditAccountId(), t.amountMinor()));
            return legs;
        }
        legs.add(leg(EntryType.PENDING_DEBIT, t.debitAccountId(), t.amountMinor()));
        legs.add(leg(EntryType.PENDING_CREDIT, t.creditAccountId(), t.amountMinor()));
        if (t.status() != TransferStatus.PENDING) {
            legs.add(leg(EntryType.PENDING_DEBIT_RELEASED, t.debitAccountId(), t.amountMinor()));
            legs.add(leg(EntryType.PENDING_CREDIT_RELEASED, t.creditAccountId(), t.amountMinor()));
        }
        if (t.status() == TransferStatus.POSTED && t.postedMinor() > 0) {
            legs.add(leg(EntryType.DEBIT, t.debitAccountId(), t.postedMinor()));
            legs.add(leg(EntryType.CREDIT, t.creditAccountId(), t.postedMinor()));
        }
        return legs;
    }

    private static String leg(EntryType type, String accountId, long amountMinor) {
        return type + " " + accountId + " " + amountMinor;
    }
}
