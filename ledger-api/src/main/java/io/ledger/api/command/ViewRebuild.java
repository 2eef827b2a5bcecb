package io.ledger.api.command;

import io.ledger.api.reconciliation.DroppedGapStore;
import io.ledger.query.ProjectionProgress;
import io.ledger.query.balance.AccountBalanceProjection;
import io.ledger.query.balance.JdbcBalanceStore;
import io.ledger.query.rebuild.BufferedRebuildBalanceStore;
import io.ledger.query.rebuild.BufferedRebuildStatementStore;
import io.ledger.query.rebuild.ViewSet;
import io.ledger.query.rebuild.ViewSetIndexes;
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

import jakarta.annotation.PostConstruct;

import java.util.List;

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
     * What a rebuild did, and where its time went: preparing the table set (dropping its secondary indexes and its
     * old rows), waiting for the reading thread's next chunk of events (read and deserialized alongside), applying
     * them to the stores' memory, writing the rows, committing the chunks' transactions, and building the indexes
     * again at the end (with fresh planner statistics).
     */
    public record Report(String view, String activeSet, long eventsReplayed, long millis, Phases phases) {
    }

    /** Milliseconds spent in each phase of a rebuild, on the thread that applies and writes. */
    public record Phases(long preparingMillis, long waitingForEventsMillis, long applyingMillis, long writingMillis,
                         long committingMillis, long indexingMillis) {
    }

    /** Accumulates the time of each phase; used by the one thread that applies and writes. */
    private static final class PhaseClock {
        private long preparing;
        private long waitingForEvents;
        private long applying;
        private long writing;
        private long committing;
        private long indexing;

        Phases millis() {
            return new Phases(preparing / 1_000_000, waitingForEvents / 1_000_000, applying / 1_000_000,
                    writing / 1_000_000, committing / 1_000_000, indexing / 1_000_000);
        }
    }

    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final EventStorageEngine storage;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ViewSet viewSet;
    private final DroppedGapStore droppedGaps;
    private final ViewSetIndexes indexes;
    private volatile boolean inProgress;

    public ViewRebuild(EventProcessingConfiguration processing, TokenStore tokenStore, EventStorageEngine storage,
                       JdbcTemplate jdbc, TransactionTemplate transactions, ViewSet viewSet,
                       DroppedGapStore droppedGaps) {
        this.indexes = new ViewSetIndexes(jdbc);
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

    /**
     * Puts back the secondary indexes of a rebuild that was stopped after it dropped them (a kill): its set is
     * inactive and will be loaded again, but a later migration may name those indexes.
     */
    @PostConstruct
    void restoreIndexesOfAnInterruptedRebuild() {
        indexes.ensure("a");
        indexes.ensure("b");
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
        List<AnnotationEventHandlerAdapter> projections = List.of(
                new AnnotationEventHandlerAdapter(
                        new AccountBalanceProjection(stores.balances(), new ProjectionProgress())),
                new AnnotationEventHandlerAdapter(new StatementProjection(stores.statements())));
        PhaseClock clock = new PhaseClock();
        boolean switched = false;
        inProgress = true;
        try {
            long from = System.nanoTime();
            indexes.drop(target);
            transactions.executeWithoutResult(status -> stores.clear());
            clock.preparing = System.nanoTime() - from;
            processor.shutDown();
            TrackingToken fence = transactions.execute(status ->
                    tokenStore.fetchToken(AccountBalanceProjection.PROCESSING_GROUP, 0));
            long replayed = replayUpTo(fence, projections, stores, clock);
            from = System.nanoTime();
            indexes.ensure(target);
            indexes.analyze(target);
            clock.indexing = System.nanoTime() - from;
            viewSet.switchTo(target);
            switched = true;
            forgetRepairedGaps(fence);
            Phases phases = clock.millis();
            LOG.info("Rebuilt the balance view into set {} from {} events; {}", target, replayed, phases);
            return new Report(ViewSet.VIEW, target, replayed, (System.nanoTime() - started) / 1_000_000, phases);
        } finally {
            processor.start();
            inProgress = false;
            if (!switched) {
                restoreIndexesAfterAFailure(target);
            }
        }
    }

    /** A failed rebuild may have dropped its set's indexes; the set stays inactive, but a migration may name them. */
    private void restoreIndexesAfterAFailure(String set) {
        try {
            indexes.ensure(set);
        } catch (RuntimeException failed) {
            LOG.warn("Could not build the indexes of view set {} again; the next rebuild or start-up will", set,
                    failed);
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
     * Applies, in store order and in transactions of many events, every event {@code fence} covers, then writes
     * the accounts. The stores keep what the projections read back in memory and write each chunk's rows in a few
     * batches, so a chunk costs a handful of round trips instead of several per event. The next chunk is read on
     * another thread meanwhile.
     */
    private long replayUpTo(TrackingToken fence, List<AnnotationEventHandlerAdapter> projections,
                            RebuildStores stores, PhaseClock clock) {
        long replayed = 0;
        try (ChunkedEventReader reader = new ChunkedEventReader(storage, fence, EVENTS_PER_TRANSACTION)) {
            while (true) {
                long from = System.nanoTime();
                List<TrackedEventMessage<?>> chunk = reader.nextChunk();
                clock.waitingForEvents += System.nanoTime() - from;
                if (chunk.isEmpty()) {
                    break;
                }
                inTransaction(clock, () -> {
                    long applying = System.nanoTime();
                    chunk.forEach(event -> apply(event, projections));
                    long writing = System.nanoTime();
                    clock.applying += writing - applying;
                    stores.writeChunk();
                    clock.writing += System.nanoTime() - writing;
                });
                replayed += chunk.size();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The rebuild was interrupted", interrupted);
        }
        inTransaction(clock, () -> {
            long writing = System.nanoTime();
            stores.balances().writeAccounts();
            clock.writing += System.nanoTime() - writing;
        });
        return replayed;
    }

    /** Runs {@code work} in a transaction; the time from its end to the commit's is the commit's. */
    private void inTransaction(PhaseClock clock, Runnable work) {
        long[] committingFrom = new long[1];
        transactions.executeWithoutResult(status -> {
            work.run();
            committingFrom[0] = System.nanoTime();
        });
        clock.committing += System.nanoTime() - committingFrom[0];
    }

    /** The view's two stores, written a chunk at a time. */
    private record RebuildStores(BufferedRebuildBalanceStore balances, BufferedRebuildStatementStore statements) {

        void writeChunk() {
            balances.writeChunk();
            statements.flush();
        }

        void clear() {
            balances.clear();
            statements.clear();
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
