package io.ledger.harness.bank;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One row of the event store, as an auditor reads it.
 *
 * @param type the payload's simple class name, e.g. {@code TransferPostedEvent}
 */
record StoredEvent(long globalIndex, String streamId, long sequenceNumber, String type, JsonNode payload) {

    /** The operation id an account leg belongs to, or null for events that are not legs. */
    String transferId() {
        JsonNode id = payload.get("transferId");
        return id == null || id.isNull() ? null : id.asText();
    }

    long amountMinor() {
        return payload.path("amountMinor").asLong();
    }
}
