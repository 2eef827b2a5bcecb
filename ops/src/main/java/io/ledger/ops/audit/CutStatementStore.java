package io.ledger.ops.audit;

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
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A statement store for replays that keeps, per account, only what the statement projection needs to append the
 * next entry (the latest one) and running sums at each requested {@link Cut}: the figures the service's
 * point-in-time queries compute from its statement table, without holding every entry. Memory therefore grows
 * with the number of accounts, not of events.
 *
 * <p>Transfer metadata is not remembered (it never changes a balance), so entries carry none; a replay that must
 * list entries with their metadata reads the events' own metadata instead (see {@code audit diff}). The query
 * methods of {@link io.ledger.query.statement.StatementStore} that need every entry are refused.
 */
final class CutStatementStore implements io.ledger.query.statement.StatementStore {

    private final List<Cut> cuts;
    private final Map<String, Track> tracks = new HashMap<>();
    private final Consumer<StatementEntry> onAppend;

    CutStatementStore(List<Cut> cuts, Consumer<StatementEntry> onAppend) {
        this.cuts = List.copyOf(cuts);
        this.onAppend = onAppend;
    }

    private static final class Track {
        StatementEntry latest;
        CutBalances[] atCut;
    }

    @Override
    public void rememberMetadata(String transferId, Map<String, String> metadata) {
        // Not kept: see the class comment.
    }

    @Override
    public Map<String, String> metadataOf(String transferId) {
        return Map.of();
    }

    @Override
    public void append(StatementEntry entry) {
        Track track = tracks.computeIfAbsent(entry.accountId(), id -> newTrack());
        if (track.latest != null && entry.entrySeq() <= track.latest.entrySeq()) {
            throw new IllegalStateException("Entry " + entry.entrySeq() + " of " + entry.accountId() + " twice");
        }
        track.latest = entry;
        for (int i = 0; i < cuts.size(); i++) {
            if (cuts.get(i).covers(entry.effectiveAt(), entry.recordedAt())) {
                add(track.atCut[i], entry);
            }
        }
        onAppend.accept(entry);
    }

    private Track newTrack() {
        Track track = new Track();
        track.atCut = new CutBalances[cuts.size()];
        for (int i = 0; i < cuts.size(); i++) {
            track.atCut[i] = new CutBalances();
        }
        return track;
    }

    private static void add(CutBalances sums, StatementEntry entry) {
        long amount = entry.amountMinor();
        switch (entry.type()) {
            case OPENED -> { }
            case DEBIT -> {
                sums.postedMinor = Math.subtractExact(sums.postedMinor, amount);
                sums.debitsMinor = Math.addExact(sums.debitsMinor, amount);
            }
            case CREDIT -> {
                sums.postedMinor = Math.addExact(sums.postedMinor, amount);
                sums.creditsMinor = Math.addExact(sums.creditsMinor, amount);
            }
            case PENDING_DEBIT -> sums.pendingDebitsMinor = Math.addExact(sums.pendingDebitsMinor, amount);
            case PENDING_DEBIT_RELEASED -> sums.pendingDebitsMinor = Math.subtractExact(sums.pendingDebitsMinor, amount);
            case PENDING_CREDIT -> sums.pendingCreditsMinor = Math.addExact(sums.pendingCreditsMinor, amount);
            case PENDING_CREDIT_RELEASED ->
                    sums.pendingCreditsMinor = Math.subtractExact(sums.pendingCreditsMinor, amount);
        }
        sums.position = Math.max(sums.position, entry.position());
    }

    @Override
    public Optional<StatementEntry> latest(String accountId) {
        Track track = tracks.get(accountId);
        return track == null ? Optional.empty() : Optional.of(track.latest);
    }

    /** Each account that had an entry within the cut, by id, with its figures there. */
    Map<String, CutBalances> balancesAt(int cutIndex) {
        Map<String, CutBalances> balances = new TreeMap<>();
        tracks.forEach((accountId, track) -> {
            if (track.atCut[cutIndex].exists()) {
                balances.put(accountId, track.atCut[cutIndex]);
            }
        });
        return balances;
    }

    /** The currency of an account the store has seen. */
    String currencyOf(String accountId) {
        return tracks.get(accountId).latest.currency();
    }

    /** The trial balance within the cut, per currency in currency order, as the service's trial balance counts it. */
    List<TrialBalanceLine> trialBalanceAt(int cutIndex) {
        Map<String, long[]> byCurrency = new TreeMap<>();
        balancesAt(cutIndex).forEach((accountId, b) -> {
            long[] sums = byCurrency.computeIfAbsent(currencyOf(accountId), c -> new long[4]);
            sums[0] = Math.addExact(sums[0], b.debitsMinor);
            sums[1] = Math.addExact(sums[1], b.creditsMinor);
            sums[2] = Math.addExact(sums[2], b.postedMinor);
            sums[3]++;
        });
        List<TrialBalanceLine> lines = new ArrayList<>();
        byCurrency.forEach((currency, s) -> lines.add(new TrialBalanceLine(currency, s[0], s[1], s[2], s[3])));
        return lines;
    }

    @Override
    public StatementPage page(FindStatementQuery query) {
        throw new UnsupportedOperationException("A replay keeps running sums, not statements");
    }

    @Override
    public Optional<StatementEntry> at(String accountId, Instant asOf) {
        throw new UnsupportedOperationException("A replay answers only at the cuts it was built for");
    }

    @Override
    public Optional<BalanceSnapshot> effectiveBalance(String accountId, Instant effectiveAt, Instant knownAt) {
        throw new UnsupportedOperationException("A replay answers only at the cuts it was built for");
    }

    @Override
    public List<TrialBalanceLine> trialBalance(Instant asOf) {
        throw new UnsupportedOperationException("A replay answers only at the cuts it was built for");
    }

    @Override
    public void clear() {
        tracks.clear();
    }

    static boolean isLeg(EntryType type) {
        return type == EntryType.DEBIT || type == EntryType.CREDIT;
    }
}
