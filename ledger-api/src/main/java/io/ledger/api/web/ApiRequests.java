package io.ledger.api.web;

import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;

/** Checks on request bodies that the JSON parser cannot express. */
final class ApiRequests {

    private ApiRequests() {
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new LedgerException(LedgerErrorCode.MALFORMED_REQUEST, "Property '" + field + "' is required.");
        }
        return value;
    }
}
