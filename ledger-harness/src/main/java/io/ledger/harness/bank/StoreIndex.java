package io.ledger.harness.bank;

import io.ledger.core.StreamIds;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The event store arranged for the exactly-once checks: by transfer stream, and account legs by operation id. */
final class StoreIndex {

    private final Map<String, List<StoredEvent>> transferStreams = new HashMap<>();
    private final Map<String, List<StoredEvent>> legsByOperation = new HashMap<>();
    private final Map<String, List<StoredEvent>> reversalRecords = new HashMap<>();

    StoreIndex(List<StoredEvent> events) {
        for (StoredEvent event : events) {
            if (event.streamId().startsWith(StreamIds.TRANSFER_PREFIX)) {
                String id = event.streamId().substring(StreamIds.TRANSFER_PREFIX.length());
                transferStreams.computeIfAbsent(id, k -> new ArrayList<>()).add(event);
                if (event.type().equals("TransferReversedEvent")) {
                    reversalRecords.computeIfAbsent(event.payload().path("reversalId").asText(),
                            k -> new ArrayList<>()).add(event);
                }
            } else if (event.streamId().startsWith(StreamIds.ACCOUNT_PREFIX) && event.transferId() != null) {
                legsByOperation.computeIfAbsent(event.transferId(), k -> new ArrayList<>()).add(event);
            }
        }
    }

    Map<String, List<StoredEvent>> transferStreams() {
        return transferStreams;
    }

    Map<String, List<StoredEvent>> legsByOperation() {
        return legsByOperation;
    }

    List<StoredEvent> stream(String transferId) {
        return transferStreams.getOrDefault(transferId, List.of());
    }

    List<StoredEvent> legs(String operationId, String type) {
        return legsByOperation.getOrDefault(operationId, List.of()).stream().filter(e -> e.type().equals(type))
                .toList();
    }

    /** The {@code TransferReversedEvent}s on original streams that name this reversal. */
    List<StoredEvent> reversalRecords(String reversalId) {
        return reversalRecords.getOrDefault(reversalId, List.of());
    }

    long count(String transferId, String type) {
        return stream(transferId).stream().filter(e -> e.type().equals(type)).count();
    }
}
