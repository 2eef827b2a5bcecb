package io.ledger.core;

import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Free-form string metadata on a transfer (an invoice number, a customer reference). Bounded so that no client can
 * grow the event store without limit through it, and kept sorted so that its serialized form is deterministic.
 */
public final class Metadata {

    public static final int MAX_ENTRIES = 16;
    public static final int MAX_KEY_LENGTH = 64;
    public static final int MAX_VALUE_LENGTH = 256;

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_KEY_LENGTH + "}");

    private Metadata() {
    }

    /** A sorted, unmodifiable copy of {@code metadata}; {@code null} becomes empty. Does not validate. */
    public static SortedMap<String, String> canonical(Map<String, String> metadata) {
        return metadata == null
                ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(new TreeMap<>(metadata));
    }

    /** Throws {@code METADATA_TOO_LARGE} or {@code INVALID_METADATA} unless {@code metadata} is within its bounds. */
    public static void requireValid(Map<String, String> metadata) {
        if (metadata == null) {
            return;
        }
        if (metadata.size() > MAX_ENTRIES) {
            throw new LedgerException(LedgerErrorCode.METADATA_TOO_LARGE,
                    "Metadata holds at most " + MAX_ENTRIES + " entries.");
        }
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            if (entry.getKey() == null || !KEY.matcher(entry.getKey()).matches()) {
                throw new LedgerException(LedgerErrorCode.INVALID_METADATA, "Metadata keys are 1 to "
                        + MAX_KEY_LENGTH + " characters of letters, digits, '.', '_' or '-'.");
            }
            if (entry.getValue() == null) {
                throw new LedgerException(LedgerErrorCode.INVALID_METADATA, "Metadata values must be strings.");
            }
            if (entry.getValue().length() > MAX_VALUE_LENGTH) {
                throw new LedgerException(LedgerErrorCode.METADATA_TOO_LARGE,
                        "Metadata values hold at most " + MAX_VALUE_LENGTH + " characters.");
            }
        }
    }
}
