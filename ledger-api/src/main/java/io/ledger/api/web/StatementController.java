package io.ledger.api.web;

import io.ledger.api.command.ProjectionLag;
import io.ledger.api.command.ViewRebuild;
import io.ledger.api.config.LedgerProperties;
import io.ledger.core.LedgerIds;
import io.ledger.core.error.AccountNotFoundException;
import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;
import io.ledger.core.statement.BalanceSnapshot;
import io.ledger.core.statement.FindBalanceAtQuery;
import io.ledger.core.statement.FindBalanceEffectiveQuery;
import io.ledger.core.statement.FindStatementQuery;
import io.ledger.core.statement.StatementEntry;
import io.ledger.core.statement.StatementPage;
import io.ledger.core.statement.TrialBalanceLine;
import io.ledger.core.statement.TrialBalanceQuery;
import io.ledger.core.transfer.FindTransferQuery;
import io.ledger.core.transfer.TransferKind;
import io.ledger.core.transfer.TransferView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@Tag(name = "Statements and reports")
@RestController
public class StatementController {

    private static final String CURSOR_KIND = "after";

    private final QueryGateway queries;
    private final ProjectionLag lag;
    private final ViewRebuild rebuild;
    private final Clock clock;
    private final Duration settleWindow;

    public StatementController(QueryGateway queries, ProjectionLag lag, ViewRebuild rebuild, Clock clock,
                               LedgerProperties properties) {
        this.queries = queries;
        this.lag = lag;
        this.rebuild = rebuild;
        this.clock = clock;
        this.settleWindow = properties.settleWindow();
    }

    @Operation(summary = "An account's statement: every entry with the balances after it, oldest first")
    @GetMapping(path = "/api/v1/accounts/{id}/entries", produces = MediaType.APPLICATION_JSON_VALUE)
    public StatementResponses.Page entries(@PathVariable("id") String id,
                                           @RequestParam(name = "from", required = false) String from,
                                           @RequestParam(name = "to", required = false) String to,
                                           @RequestParam(name = "limit", required = false) Integer limit,
                                           @RequestParam(name = "cursor", required = false) String cursor) {
        LedgerIds.requireValid(id, "Account id");
        int pageSize = Paging.pageSize(limit);
        StatementPage page = queries.query(new FindStatementQuery(id, TimeParameters.parse(from, "from"),
                TimeParameters.parse(to, "to"), Paging.afterSeq(cursor, CURSOR_KIND, -1), pageSize),
                ResponseTypes.instanceOf(StatementPage.class)).join();
        if (page.entries().isEmpty() && cursor == null && from == null && to == null) {
            throw new AccountNotFoundException("Account " + id + " does not exist.");
        }
        Map<String, TransferView> transfers = new HashMap<>();
        List<StatementResponses.Entry> entries = page.entries().stream()
                .map(entry -> StatementResponses.Entry.of(entry, cause(entry, transfers)))
                .toList();
        String next = page.hasMore()
                ? Paging.cursorAfter(CURSOR_KIND, page.entries().get(page.entries().size() - 1).entrySeq()) : null;
        return new StatementResponses.Page(id, entries, next);
    }

    /**
     * Names what an entry's transfer did, from the transfer's record in the same view (updated in the same
     * transactions as the statement, so it is always there). Each transfer is looked up once per page.
     */
    private String cause(StatementEntry entry, Map<String, TransferView> transfers) {
        if (entry.transferId() == null) {
            return null;
        }
        switch (entry.type()) {
            case PENDING_DEBIT, PENDING_CREDIT -> {
                return "HOLD_PLACED";
            }
            default -> {
                // Decided by the transfer below.
            }
        }
        TransferView transfer = transfers.computeIfAbsent(entry.transferId(), id -> queries.query(
                new FindTransferQuery(id), ResponseTypes.optionalInstanceOf(TransferView.class)).join().orElse(null));
        if (transfer == null) {
            return null;
        }
        if (transfer.kind() == TransferKind.HOLD) {
            return "HOLD_" + transfer.status().name();
        }
        return transfer.kind().name();
    }

    @Operation(summary = "An account's balances as they stood at an instant (record time, inclusive), or, with "
            + "effectiveAt and knownAt, effective at a value date as the ledger knew it at a record time")
    @GetMapping(path = "/api/v1/accounts/{id}/balance", produces = MediaType.APPLICATION_JSON_VALUE)
    public Object balance(@PathVariable("id") String id,
                          @RequestParam(name = "asOf", required = false) String asOf,
                          @RequestParam(name = "effectiveAt", required = false) String effectiveAt,
                          @RequestParam(name = "knownAt", required = false) String knownAt) {
        LedgerIds.requireValid(id, "Account id");
        if (effectiveAt != null || knownAt != null) {
            if (asOf != null) {
                throw new LedgerException(LedgerErrorCode.MALFORMED_REQUEST,
                        "Ask either asOf, or effectiveAt and knownAt, not both.");
            }
            return effectiveBalance(id, effectiveAt, knownAt);
        }
        Instant now = clock.instant();
        Instant at = asOf == null ? now : TimeParameters.parse(asOf, "asOf");
        boolean settled = settled(at, now);
        StatementEntry entry = queries.query(new FindBalanceAtQuery(id, at),
                        ResponseTypes.optionalInstanceOf(StatementEntry.class)).join()
                .orElseThrow(() -> new AccountNotFoundException("Account " + id + " did not exist at " + at + "."));
        return StatementResponses.BalanceAt.of(entry, at, settled);
    }

    /** Bi-temporal: value date {@code effectiveAt}, record time {@code knownAt}; each defaults to now. */
    private StatementResponses.BalanceEffective effectiveBalance(String id, String effectiveAt, String knownAt) {
        Instant now = clock.instant();
        Instant valueDate = effectiveAt == null ? now : TimeParameters.parse(effectiveAt, "effectiveAt");
        Instant known = knownAt == null ? now : TimeParameters.parse(knownAt, "knownAt");
        boolean settled = settled(known, now);
        BalanceSnapshot snapshot = queries.query(new FindBalanceEffectiveQuery(id, valueDate, known),
                        ResponseTypes.optionalInstanceOf(BalanceSnapshot.class)).join()
                .orElseThrow(() -> new AccountNotFoundException("Account " + id + " was not known at " + known
                        + " as open on " + valueDate + "."));
        return StatementResponses.BalanceEffective.of(snapshot, valueDate, known, settled);
    }

    @Operation(summary = "Trial balance per currency as it stood at an instant: "
            + "debits equal credits, balances sum to 0")
    @GetMapping(path = "/api/v1/reports/trial-balance", produces = MediaType.APPLICATION_JSON_VALUE)
    public StatementResponses.TrialBalance trialBalance(@RequestParam(name = "asOf", required = false) String asOf) {
        Instant now = clock.instant();
        Instant at = asOf == null ? now : TimeParameters.parse(asOf, "asOf");
        boolean settled = settled(at, now);
        List<TrialBalanceLine> lines = queries.query(new TrialBalanceQuery(at),
                ResponseTypes.multipleInstancesOf(TrialBalanceLine.class)).join();
        return new StatementResponses.TrialBalance(at, lines.stream().map(StatementResponses.Line::of).toList(),
                lines.stream().allMatch(TrialBalanceLine::balanced), settled);
    }

    @Operation(summary = "Rebuild the balance view from the start of the event store into its other table set, "
            + "while the current one keeps answering, then switch (operator action)")
    @PostMapping(path = "/api/v1/admin/projections/balances/rebuild", produces = MediaType.APPLICATION_JSON_VALUE)
    public ViewRebuild.Report rebuildBalances() {
        return rebuild.rebuildBalances();
    }

    @Operation(summary = "Each view's position against the head of the event store")
    @GetMapping(path = "/api/v1/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<ProjectionLag.ViewLag> projections() {
        return lag.views();
    }

    /**
     * An answer about {@code at} is settled when every write stamped at or before it has committed (it lies more
     * than the settle window in the past) and every view has processed everything committed so far. The views
     * are checked before the answer is read, so what it reads includes all of that.
     */
    private boolean settled(Instant at, Instant now) {
        return !at.isAfter(now.minus(settleWindow)) && lag.allCaughtUp();
    }
}
