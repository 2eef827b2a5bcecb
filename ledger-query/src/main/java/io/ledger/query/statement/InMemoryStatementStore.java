package io.ledger.query.statement;

import io.ledger.core.statement.BalanceSnapshot;
import io.ledger.core.statement.EntryType;
import io.ledger.core.statement.FindStatementQuery;
import io.ledger.core.statement.StatementEntry;
import io.ledger.core.statement.StatementPage;
import io.ledger.core.statement.TrialBalanceLine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/** Statements in memory: for projection tests and for replays that must not touch a database. */
public final class InMemoryStatementStore implements StatementStore {

    private final Map<String, NavigableMap<Long, StatementEntry>> entriesByAccount = new TreeMap<>();
    private final Map<String, Map<String, String>> metadataByTransfer = new HashMap<>();

    @Override
    public synchronized void rememberMetadata(String transferId, Map<String, String> metadata) {
        if (metadataByTransfer.putIfAbsent(transferId, Map.copyOf(metadata)) != null) {
            throw new IllegalStateException("Metadata of transfer " + transferId + " projected twice");
        }
    }

    @Override
    public synchronized Map<String, String> metadataOf(String transferId) {
        return transferId == null ? Map.of() : metadataByTransfer.getOrDefault(transferId, Map.of());
    }

    @Override
    public synchronized void append(StatementEntry entry) {
        var entries = entriesByAccount.computeIfAbsent(entry.accountId(), id -> new TreeMap<>());
        if (entries.containsKey(entry.entrySeq())) {
            throw new IllegalStateException("Entry " + entry.entrySeq() + " of " + entry.accountId() + " twice");
        }
        entries.put(entry.entrySeq(), entry);
    }

    @Override
    public synchronized Optional<StatementEntry> latest(String accountId) {
        var entries = entriesByAccount.get(accountId);
        return entries == null || entries.isEmpty() ? Optional.empty() : Optional.of(entries.lastEntry().getValue());
    }

    @Override
    public synchronized StatementPage page(FindStatementQuery query) {
        var entries = entriesByAccount.getOrDefault(query.accountId(), new TreeMap<>());
        List<StatementEntry> page = new ArrayList<>();
        boolean hasMore = false;
        for (StatementEntry entry : entries.tailMap(query.afterEntrySeq(), false).values()) {
            if (!within(entry.recordedAt(), query.from(), query.to())) {
                continue;
            }
            if (page.size() == query.limit()) {
                hasMore = true;
                break;
            }
            page.add(entry);
        }
        return new StatementPage(page, hasMore);
    }

    @Override
    public synchronized Optional<StatementEntry> at(String accountId, Instant asOf) {
        StatementEntry found = null;
        for (StatementEntry entry : entriesByAccount.getOrDefault(accountId, new TreeMap<>()).values()) {
            if (!entry.recordedAt().isAfter(asOf)) {
                found = entry;
            }
        }
        return Optional.ofNullable(found);
    }

    @Override
    public synchronized Optional<BalanceSnapshot> effectiveBalance(String accountId, Instant effectiveAt,
                                                                  Instant knownAt) {
        long posted = 0;
        long pendingDebits = 0;
        long pendingCredits = 0;
        long position = -1;
        String currency = null;
        for (StatementEntry e : entriesByAccount.getOrDefault(accountId, new TreeMap<>()).values()) {
            if (e.effectiveAt().isAfter(effectiveAt) || e.recordedAt().isAfter(knownAt)) {
                continue;
            }
            currency = e.currency();
            position = Math.max(position, e.position());
            long[] delta = EntryDeltas.of(e.type(), e.amountMinor());
            posted = Math.addExact(posted, delta[0]);
            pendingDebits = Math.addExact(pendingDebits, delta[1]);
            pendingCredits = Math.addExact(pendingCredits, delta[2]);
        }
        return currency == null ? Optional.empty() : Optional.of(
                new BalanceSnapshot(accountId, currency, posted, pendingDebits, pendingCredits, position));
    }

    @Override
    public synchronized List<TrialBalanceLine> trialBalance(Instant asOf) {
        Map<String, long[]> byCurrency = new TreeMap<>();
        for (String accountId : entriesByAccount.keySet()) {
            at(accountId, asOf).ifPresent(last -> {
                long[] sums = byCurrency.computeIfAbsent(last.currency(), c -> new long[4]);
                sums[2] = Math.addExact(sums[2], last.postedAfterMinor());
                sums[3]++;
            });
            for (StatementEntry entry : entriesByAccount.get(accountId).values()) {
                if (!entry.recordedAt().isAfter(asOf)) {
                    long[] sums = byCurrency.computeIfAbsent(entry.currency(), c -> new long[4]);
                    if (entry.type() == EntryType.DEBIT) {
                        sums[0] = Math.addExact(sums[0], entry.amountMinor());
                    } else if (entry.type() == EntryType.CREDIT) {
                        sums[1] = Math.addExact(sums[1], entry.amountMinor());
                    }
                }
            }
        }
        List<TrialBalanceLine> lines = new ArrayList<>();
        byCurrency.forEach((currency, sums) ->
                lines.add(new TrialBalanceLine(currency, sums[0], sums[1], sums[2], sums[3])));
        return lines;
    }

    @Override
    public synchronized void clear() {
        entriesByAccount.clear();
        metadataByTransfer.clear();
    }

    static boolean within(Instant recordedAt, Instant from, Instant to) {
        return (from == null || !recordedAt.isBefore(from)) && (to == null || !recordedAt.isAfter(to));
    }
}
