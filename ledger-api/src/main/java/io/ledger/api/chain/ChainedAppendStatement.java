package io.ledger.api.chain;

import io.ledger.core.chain.ChainedEvent;
import io.ledger.core.chain.EventHash;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.Serializer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Axon's append statement with one more column: each event's chain hash, computed from exactly the bytes and
 * strings the same INSERT stores, chained onto the stream's previous event (docs/tamper-evidence.md).
 *
 * <p>The previous hash of a stream is read on the connection of the appending transaction, at most once per
 * stream and batch, by primary-key-like lookup of (stream, sequence - 1) on the unique index. That predecessor is
 * committed (the aggregate was loaded from it) and can never change under a legal writer; a concurrent append to
 * the same stream writes the same sequence number and one of the two fails on the unique key, so two events can
 * never chain onto the same predecessor.
 *
 * <p>A stream this node appended to recently needs no read at all: once the transaction commits, the hashes it
 * wrote are remembered in a {@link StreamHeadCache}, and the next append to the stream chains onto that.
 */
public final class ChainedAppendStatement implements AppendEventsStatementBuilder {

    private final StreamHeadCache committedHeads;

    public ChainedAppendStatement(StreamHeadCache committedHeads) {
        this.committedHeads = committedHeads;
    }

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType,
                                   List<? extends EventMessage<?>> events, Serializer serializer,
                                   TimestampWriter timestampWriter) throws SQLException {
        if (dataType != byte[].class) {
            throw new IllegalStateException("The chained event store stores payloads as bytes, not " + dataType);
        }
        StreamHeads heads = new StreamHeads(connection, committedHeads);
        PreparedStatement insert = connection.prepareStatement(insertSql(schema));
        try {
            for (EventMessage<?> message : events) {
                ChainedEvent event = asStored(asDomainEvent(message), serializer);
                byte[] chainHash = EventHash.of(heads.previousHash(event), event);
                heads.advance(event, chainHash);
                bind(insert, event, chainHash);
                insert.addBatch();
            }
            rememberAfterCommit(heads);
            return insert;
        } catch (SQLException | RuntimeException failure) {
            insert.close();
            throw failure;
        }
    }

    /**
     * Outside a unit of work nothing is remembered: there is no commit to wait for, and remembering a hash that
     * was rolled back would chain the stream's next event onto an event that does not exist.
     */
    private void rememberAfterCommit(StreamHeads heads) {
        if (CurrentUnitOfWork.isStarted()) {
            var batchHeads = heads.batchHeads();
            CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> committedHeads.committed(batchHeads));
        }
    }

    private static String insertSql(EventSchema schema) {
        return "INSERT INTO " + schema.domainEventTable() + " (" + schema.eventIdentifierColumn() + ", "
                + schema.aggregateIdentifierColumn() + ", " + schema.sequenceNumberColumn() + ", "
                + schema.typeColumn() + ", " + schema.timestampColumn() + ", " + schema.payloadTypeColumn() + ", "
                + schema.payloadRevisionColumn() + ", " + schema.payloadColumn() + ", " + schema.metaDataColumn()
                + ", chainHash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    /**
     * The row as it will be stored. The timestamp is formatted here, the way Axon's own timestamp writer formats
     * it, because the hash must cover the exact stored string.
     */
    private static ChainedEvent asStored(DomainEventMessage<?> message, Serializer serializer) {
        var payload = message.serializePayload(serializer, byte[].class);
        var metadata = message.serializeMetaData(serializer, byte[].class);
        return new ChainedEvent(message.getIdentifier(), message.getAggregateIdentifier(),
                message.getSequenceNumber(), message.getType(), payload.getType().getName(),
                payload.getType().getRevision(), DateTimeUtils.formatInstant(message.getTimestamp()),
                payload.getData(), metadata.getData());
    }

    private static void bind(PreparedStatement insert, ChainedEvent event, byte[] chainHash) throws SQLException {
        insert.setString(1, event.eventIdentifier());
        insert.setString(2, event.aggregateIdentifier());
        insert.setLong(3, event.sequenceNumber());
        insert.setString(4, event.type());
        insert.setString(5, event.timestamp());
        insert.setString(6, event.payloadType());
        insert.setString(7, event.payloadRevision());
        insert.setBytes(8, event.payload());
        insert.setBytes(9, event.metadata());
        insert.setBytes(10, chainHash);
    }

    /** As Axon stores an event published outside an aggregate: a stream of its own, named by its identifier. */
    private static DomainEventMessage<?> asDomainEvent(EventMessage<?> message) {
        if (message instanceof DomainEventMessage<?> domainEvent) {
            return domainEvent;
        }
        return new GenericDomainEventMessage<>(null, message.getIdentifier(), 0L, message, message::getTimestamp);
    }
}
