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
    private static final int EVENTS_PER_TRANSACTION = 5_000;

    /**
     * What a rebuild did, and where its time went: reading events from the store (with their deserialization),
     * applying them to the stores' memory, writing the chunks' rows, and committing the chunks' transactions.
     */
    public record Report(String view, String activeSet, long eventsReplayed, long millis, Phases phases) {
    }

    /** Milliseconds spent in each phase of a rebuild. */
    public record Phases(long readingMillis, long applyingMillis, long writingMillis, long committingMillis) {
    }

    /** Accumulates the time of each phase; used by the one thread that runs a rebuild. */
    private static final class PhaseClock {
        private long reading;
        private long applying;
        private long writing;
        private long committing;

        Phases millis() {
            return new Phases(reading / 1_000_000, applying / 1_000_000, writing / 1_000_000,
                    committing / 1_000_000);
        }
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
            PhaseClock clock = new PhaseClock();
            long replayed = replayUpTo(fence, projections, stores, clock);
            viewSet.switchTo(target);
            forgetRepairedGaps(fence);
            Phases phases = clock.millis();
            LOG.info("Rebuilt the balance view into set {} from {} events; {}", target, replayed, phases);
            return new Report(ViewSet.VIEW, target, replayed, (System.nanoTime() - started) / 1_000_000, phases);
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
                            RebuildStores stores, PhaseClock clock) {
        if (fence == null) {
            return 0;
        }
        long replayed = 0;
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            while (iterator.hasNext()) {
                long[] committingFrom = new long[1];
                replayed += transactions.execute(status -> {
                    long applied = applyChunk(iterator, fence, projections, stores, clock);
                    committingFrom[0] = System.nanoTime();
                    return applied;
                });
                clock.committing += System.nanoTime() - committingFrom[0];
            }
        }
        return replayed;
    }

    /** Applies up to a chunk of events to the stores' memory, then writes the chunk's rows in batches. */
    private long applyChunk(Iterator<? extends TrackedEventMessage<?>> events, TrackingToken fence,
                            List<AnnotationEventHandlerAdapter> projections, RebuildStores stores,
                            PhaseClock clock) {
        long applied = 0;
        long from = System.nanoTime();
        while (applied < EVENTS_PER_TRANSACTION && events.hasNext()) {
            TrackedEventMessage<?> event = events.next();
            long read = System.nanoTime();
            clock.reading += read - from;
            if (fence.covers(event.trackingToken())) {
                apply(event, projections);
                applied++;
            }
            from = System.nanoTime();
            clock.applying += from - read;
        }
        stores.flush();
        clock.writing += System.nanoTime() - from;
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
