package io.ledger.api.command;

import io.ledger.api.reconciliation.DroppedGapStore;
import io.ledger.query.ProjectionProgress;
import io.ledger.query.balance.AccountBalanceProjection;
import io.ledger.query.balance.JdbcBalanceStore;
import io.ledger.query.rebuild.BufferedRebuildBalanceStore;
import io.ledger.query.rebuild.BufferedRebuildStatementStore;
import io.ledger.query.rebuild.ViewSet;
import io.ledger.query.statement.JdbcStatementStore;
import io.ledger.query.statement.StatementProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Rebuilds the balance view (balances, transfers, statements) from the start of the event store into the
 * inactive table set while the active set keeps answering, then switches to it. No read ever sees a half-built
 * view and writes go on: they are only answered without waiting for the view while it is rebuilt.
 *
 * <p>How it stays exact: the live processor is stopped first and its token is the fence. The rebuild applies
 * exactly the events that token covers, so the new set ends where the old one stopped; after the switch the live
 * processor resumes from the same token, into the new set. Events committed meanwhile wait in the event store.
 *
 * <p>Run it on the node that holds the view's processor (one segment). Coordinating it across nodes is part of
 * running several nodes, not done yet.
 */
@Component
public class ViewRebuild {

    private static final Logger LOG = LoggerFactory.getLogger(ViewRebuild.class);
    private static final int EVENTS_PER_TRANSACTION = 1_000;

    /** What a rebuild did. */
    public record Report(String view, String activeSet, long eventsReplayed, long millis) {
    }

    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final EventStorageEngine storage;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ViewSet viewSet;
    private final DroppedGapStore droppedGaps;
    private volatile boolean inProgress;

    public ViewRebuild(EventProcessingConfiguration processing, TokenStore tokenStore, EventStorageEngine storage,
                       JdbcTemplate jdbc, TransactionTemplate transactions, ViewSet viewSet,
                       DroppedGapStore droppedGaps) {
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.storage = storage;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.viewSet = viewSet;
        this.droppedGaps = droppedGaps;
    }

    public boolean inProgress() {
        return inProgress;
    }

    public synchronized Report rebuildBalances() {
        long started = System.nanoTime();
        StreamingEventProcessor processor = processing
                .eventProcessor(AccountBalanceProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("No streaming processor for the balance view"));
        String target = viewSet.inactive();
        String suffix = ViewSet.suffix(target);
        RebuildStores stores = new RebuildStores(
                new BufferedRebuildBalanceStore(new JdbcBalanceStore(jdbc, suffix)),
                new BufferedRebuildStatementStore(new JdbcStatementStore(jdbc, suffix)));
        BufferedRebuildBalanceStore balances = stores.balances();
        BufferedRebuildStatementStore statements = stores.statements();
        List<AnnotationEventHandlerAdapter> projections = List.of(
                new AnnotationEventHandlerAdapter(new AccountBalanceProjection(balances, new ProjectionProgress())),
                new AnnotationEventHandlerAdapter(new StatementProjection(statements)));
        inProgress = true;
        try {
            transactions.executeWithoutResult(status -> {
                balances.clear();
                statements.clear();
            });
            processor.shutDown();
            TrackingToken fence = transactions.execute(status ->
                    tokenStore.fetchToken(AccountBalanceProjection.PROCESSING_GROUP, 0));
            long replayed = replayUpTo(fence, projections, stores);
            viewSet.switchTo(target);
            forgetRepairedGaps(fence);
            LOG.info("Rebuilt the balance view into set {} from {} events", target, replayed);
            return new Report(ViewSet.VIEW, target, replayed, (System.nanoTime() - started) / 1_000_000);
        } finally {
            processor.start();
            inProgress = false;
        }
    }

    /**
     * The new set holds every event the fence covers, also any the live processor had skipped, so the positions
     * it had given up on up to the fence are settled: the reconciliation check stops reporting them.
     */
    private void forgetRepairedGaps(TrackingToken fence) {
        if (fence != null && fence.position().isPresent()) {
            droppedGaps.forgetUpTo(AccountBalanceProjection.PROCESSING_GROUP, fence.position().getAsLong());
        }
    }

    /**
     * Applies, in store order and in transactions of many events, every event {@code fence} covers. The stores keep
     * what the projections read back in memory and write each chunk's rows in a few batches, so a chunk costs a
     * handful of round trips instead of several per event.
     */
    private long replayUpTo(TrackingToken fence, List<AnnotationEventHandlerAdapter> projections,
                            RebuildStores stores) {
        if (fence == null) {
            return 0;
        }
        long replayed = 0;
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            while (iterator.hasNext()) {
                replayed += transactions.execute(status -> applyChunk(iterator, fence, projections, stores));
            }
        }
        return replayed;
    }

    /** Applies up to a chunk of events to the stores' memory, then writes the chunk's rows in batches. */
    private long applyChunk(Iterator<? extends TrackedEventMessage<?>> events, TrackingToken fence,
                            List<AnnotationEventHandlerAdapter> projections, RebuildStores stores) {
        long applied = 0;
        while (applied < EVENTS_PER_TRANSACTION && events.hasNext()) {
            TrackedEventMessage<?> event = events.next();
            if (fence.covers(event.trackingToken())) {
                apply(event, projections);
                applied++;
            }
        }
        stores.flush();
        return applied;
    }

    /** The view's two stores, written a chunk at a time. */
    private record RebuildStores(BufferedRebuildBalanceStore balances, BufferedRebuildStatementStore statements) {

        void flush() {
            balances.flush();
            statements.flush();
        }
    }

    private static void apply(EventMessage<?> event, List<AnnotationEventHandlerAdapter> projections) {
        for (AnnotationEventHandlerAdapter projection : projections) {
            if (projection.canHandle(event)) {
                try {
                    projection.handle(event);
                } catch (Exception failure) {
                    throw new IllegalStateException("Rebuild failed at " + event.getIdentifier(), failure);
                }
            }
        }
    }
}
