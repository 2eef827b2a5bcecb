package io.ledger.ops.audit;

import io.ledger.core.account.AccountView;
import io.ledger.core.compliance.ComplianceAlert;
import io.ledger.core.compliance.ComplianceRules;
import io.ledger.core.statement.StatementEntry;
import io.ledger.core.transfer.HoldPlacedEvent;
import io.ledger.core.transfer.ReversalPostedEvent;
import io.ledger.core.transfer.TransferPostedEvent;
import io.ledger.core.transfer.TransferView;
import io.ledger.ops.store.EventReader;
import io.ledger.ops.store.LiveViews;
import io.ledger.ops.store.StoredEvent;
import io.ledger.query.ProjectionProgress;
import io.ledger.query.balance.AccountBalanceProjection;
import io.ledger.query.balance.InMemoryBalanceStore;
import io.ledger.query.compliance.ComplianceProjection;
import io.ledger.query.statement.StatementProjection;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code audit verify}: replays the whole store from scratch and compares every read model of the live service
 * with it, row by row, at the position each view has reached (its processor's token says which events it applied;
 * exactly those are replayed), then checks the ledger's invariants. Exit code 0 when all agree, 3 with the list of
 * discrepancies otherwise.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Replays the whole store and compares every live read model with it, row by row, at the "
                + "position its processor has reached; checks the invariants (trial balance nets to zero per "
                + "currency, no balance beyond its limit, every transfer has its legs, every hold at most one "
                + "outcome, contiguous sequence numbers).",
                "Exit code 0: all agree. 3: discrepancies, listed on stdout."})
public final class VerifyCommand implements Callable<Integer> {

    static final int DISCREPANCIES = 3;

    @Mixin
    AuditOptions options = new AuditOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Connection snapshot = options.store.openReadOnly(); Connection events = options.store.openReadOnly()) {
            // One repeatable-read transaction for tokens and tables: every view is read as of the same moment
            // as its token, also while the service keeps projecting.
            snapshot.setAutoCommit(false);
            snapshot.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            LiveViews live = new LiveViews(snapshot);
            LiveViews.Token balances = live.token(AccountBalanceProjection.PROCESSING_GROUP);
            LiveViews.Token compliance = live.token(ComplianceProjection.PROCESSING_GROUP);
            Discrepancies found = new Discrepancies();
            Replayed replayed = replay(new EventReader(events), balances, compliance, found);
            compareWithLive(live, replayed, found);
            completeBalanceViews(new EventReader(events), replayed, balances, found);
            ViewInvariants.check(replayed.balances.allAccounts(), replayed.transfers(), replayed.statements.all(),
                    found);
            snapshot.rollback();
            String report = "Compared the balance view at position " + balances.index() + " and the compliance "
                    + "view at position " + compliance.index() + " with a replay; checked the invariants on all "
                    + replayed.events + " events.\n"
                    + (found.isEmpty() ? "No discrepancies.\n" : found.total() + " discrepancies:\n"
                    + found.describe());
            options.emit(report, spec.commandLine().getOut());
            return found.isEmpty() ? 0 : DISCREPANCIES;
        }
    }

    private static final class Replayed {
        final InMemoryBalanceStore balances = new InMemoryBalanceStore();
        final RecordingStatementStore statements = new RecordingStatementStore();
        final IndexedComplianceStore compliance = new IndexedComplianceStore();
        final List<String> transferIds = new ArrayList<>();
        final AnnotationEventHandlerAdapter balanceView =
                Projections.adapt(new AccountBalanceProjection(balances, new ProjectionProgress()));
        final AnnotationEventHandlerAdapter statementView = Projections.adapt(new StatementProjection(statements));
        final AnnotationEventHandlerAdapter complianceView =
                Projections.adapt(new ComplianceProjection(compliance, ComplianceRules.DEFAULT));
        StreamChecks checks;
        long comparedUpTo;
        long events;

        /** The store's own checks; each call counts one event read. */
        StreamChecks checks(Discrepancies found) {
            if (checks == null) {
                checks = new StreamChecks(found);
            }
            events++;
            return checks;
        }

        void applyToBalanceViews(org.axonframework.eventhandling.TrackedEventMessage<?> message, StoredEvent event,
                                 Discrepancies found) {
            rememberTransfer(event, transferIds);
            applyOrReport(balanceView, message, event, found);
            applyOrReport(statementView, message, event, found);
        }

        List<TransferView> transfers() {
            return transferIds.stream().map(id -> balances.findTransfer(id).orElseThrow()).toList();
        }
    }

    /** First pass: every event up to the furthest token, each view fed exactly the events its token covers. */
    private Replayed replay(EventReader reader, LiveViews.Token balanceToken, LiveViews.Token complianceToken,
                            Discrepancies found) throws SQLException {
        Replayed replayed = new Replayed();
        long upTo = Math.max(balanceToken.index(), complianceToken.index());
        Progress progress = options.progress(System.err, "audit verify", reader.lastIndex());
        reader.stream(0, upTo, event -> {
            progress.eventDone(event.globalIndex());
            replayed.checks(found).check(event);
            if (event.payload() == null) {
                found.add("unknown events", "position " + event.globalIndex() + ": " + event.payloadType());
                return true;
            }
            var message = Projections.message(event);
            if (balanceToken.covers(event.globalIndex())) {
                replayed.applyToBalanceViews(message, event, found);
            }
            if (complianceToken.covers(event.globalIndex())) {
                applyOrReport(replayed.complianceView, message, event, found);
            }
            return true;
        });
        progress.finish();
        replayed.comparedUpTo = upTo;
        return replayed;
    }

    /**
     * Second pass, after the comparison: the balance views are fed the rest of the store, so the invariants are
     * checked on whole units of work (a token may fall between the events of one transaction, where a transfer
     * has one leg and the trial balance is off by design).
     */
    private void completeBalanceViews(EventReader reader, Replayed replayed, LiveViews.Token balanceToken,
                                      Discrepancies found) throws SQLException {
        long from = balanceToken.gaps().stream().mapToLong(gap -> gap - 1).min().orElse(balanceToken.index());
        reader.stream(Math.min(from, balanceToken.index()), Long.MAX_VALUE, event -> {
            if (event.globalIndex() > replayed.comparedUpTo) {
                replayed.checks(found).check(event);
            }
            if (event.payload() != null && !balanceToken.covers(event.globalIndex())) {
                replayed.applyToBalanceViews(Projections.message(event), event, found);
            }
            return true;
        });
    }

    private static void rememberTransfer(StoredEvent event, List<String> transferIds) {
        if (event.payload() instanceof TransferPostedEvent posted) {
            transferIds.add(posted.transferId());
        } else if (event.payload() instanceof HoldPlacedEvent hold) {
            transferIds.add(hold.transferId());
        } else if (event.payload() instanceof ReversalPostedEvent reversal) {
            transferIds.add(reversal.reversalId());
        }
    }

    private static void applyOrReport(AnnotationEventHandlerAdapter view, org.axonframework.eventhandling
            .TrackedEventMessage<?> message, StoredEvent event, Discrepancies found) {
        try {
            Projections.apply(view, message, event);
        } catch (ReplayException refused) {
            found.add("events the projections refuse", refused.getMessage());
        }
    }

    private static void compareWithLive(LiveViews live, Replayed replayed, Discrepancies found) throws SQLException {
        String suffix = live.activeBalanceSuffix();
        List<AccountView> accounts = new ArrayList<>();
        live.accounts(suffix, accounts::add);
        RowComparison.compare("account_balance" + suffix, replayed.balances.allAccounts(), accounts,
                AccountView::accountId, found);
        List<TransferView> transfers = new ArrayList<>();
        live.transfers(suffix, transfers::add);
        RowComparison.compare("transfer_record" + suffix, replayed.transfers(), transfers, TransferView::transferId,
                found);
        List<StatementEntry> entries = new ArrayList<>();
        live.statementEntries(suffix, entries::add);
        RowComparison.compare("statement_entry" + suffix, replayed.statements.all(), entries,
                e -> e.accountId() + " #" + e.entrySeq(), found);
        List<ComplianceAlert> alerts = new ArrayList<>();
        live.alerts(alerts::add);
        RowComparison.compare("compliance_alert", replayed.compliance.alerts(), alerts, ComplianceAlert::alertId,
                found);
    }
}
