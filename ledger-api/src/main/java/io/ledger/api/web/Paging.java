package io.ledger.api.web;

import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Cursor paging for list endpoints. A cursor is opaque to clients (base64 of a kind prefix and the last sequence
 * number seen), so that its encoding can change without breaking them, and a cursor of one list is refused by
 * another.
 */
final class Paging {

    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 1000;

    private Paging() {
    }

    /** The page size asked for, or the default; {@code INVALID_PAGE_SIZE} outside 1 to {@link #MAX_PAGE_SIZE}. */
    static int pageSize(Integer limit) {
        if (limit == null) {
            return DEFAULT_PAGE_SIZE;
        }
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new LedgerException(LedgerErrorCode.INVALID_PAGE_SIZE, "limit is 1 to " + MAX_PAGE_SIZE + ".");
        }
        return limit;
    }

    static String cursorAfter(String kind, long lastSeq) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((kind + ":" + lastSeq).getBytes(StandardCharsets.UTF_8));
    }

    /** The sequence number a cursor continues after, or {@code start} without a cursor. */
    static long afterSeq(String cursor, String kind, long start) {
        if (cursor == null) {
            return start;
        }
        String prefix = kind + ":";
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith(prefix)) {
                return Long.parseLong(decoded.substring(prefix.length()));
            }
        } catch (IllegalArgumentException malformed) {
            // Falls through to the refusal below.
        }
        throw new LedgerException(LedgerErrorCode.INVALID_CURSOR, "The cursor is not one this ledger issued.");
    }
}
