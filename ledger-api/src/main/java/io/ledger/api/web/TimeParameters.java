package io.ledger.api.web;

import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Instants in query parameters: ISO 8601 with an explicit offset ({@code 2026-06-30T17:00:00+02:00},
 * {@code ...Z}). An instant without an offset is ambiguous and refused. Every instant is compared in UTC.
 */
final class TimeParameters {

    private TimeParameters() {
    }

    static Instant parse(String value, String name) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException malformed) {
            throw new LedgerException(LedgerErrorCode.INVALID_TIMESTAMP, "Parameter '" + name
                    + "' must be an ISO 8601 instant with an offset, such as 2026-06-30T17:00:00Z.");
        }
    }
}
