package io.ledger.core;

import java.util.Map;

/**
 * Who caused a recorded change, as the event's metadata says: the principal (an API key's id, a token's subject,
 * or {@code system:<job>}), the correlation id and the request id. Read models carry it so that statements and
 * transfer details show who did what.
 */
public record RecordedBy(String principal, String correlationId, String requestId) {

    /** From an event's metadata; null for events recorded before principals were (no {@code principal} key). */
    public static RecordedBy of(Map<String, ?> metadata) {
        Object principal = metadata == null ? null : metadata.get("principal");
        if (principal == null) {
            return null;
        }
        return new RecordedBy(principal.toString(), text(metadata.get("correlationId")),
                text(metadata.get("requestId")));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
