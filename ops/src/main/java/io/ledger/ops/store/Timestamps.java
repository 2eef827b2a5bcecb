package io.ledger.ops.store;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the store's timestamps ({@code Instant.toString()} form, {@code 2026-06-01T08:00:00.017Z}) without a
 * {@link java.time.format.DateTimeFormatter}: {@link Instant#parse} cost about a sixth of a replay's CPU. Only
 * the plain UTC form with four-digit year, seconds below 60 and 0 to 9 fraction digits is read here; anything else
 * goes to {@link Instant#parse}, so the result (or the error) is always the one {@code Instant.parse} gives.
 * The day is cached, since consecutive events nearly always share it. Not thread-safe: one per reader (and one
 * per use: the rows' timestamps and the payloads' instants fall on different days).
 */
final class Timestamps {

    private static final long SECONDS_PER_DAY = 86_400;

    private String cachedDay;
    private long cachedEpochDay;

    Instant parse(String text) {
        Instant plain = parsePlain(text);
        return plain != null ? plain : Instant.parse(text);
    }

    /** The instant of {@code text} (as {@code Instant.parse} reads it) if it is in the plain form, else null. */
    Instant parsePlain(String text) {
        int length = text.length();
        // yyyy-MM-ddTHH:mm:ssZ is 20 characters; a fraction adds a dot and 1 to 9 digits.
        if (length < 20 || length > 30 || length == 21 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = 0;
        if (length > 20) {
            if (text.charAt(19) != '.') {
                return null;
            }
            int fraction = digits(text, 20, length - 1);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = length - 1 - 20; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        long epochDay;
        if (cachedDay != null && text.regionMatches(0, cachedDay, 0, 10)) {
            epochDay = cachedEpochDay;
        } else {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            if (year < 0 || month < 0 || day < 0) {
                return null;
            }
            try {
                epochDay = LocalDate.of(year, month, day).toEpochDay();
            } catch (DateTimeException invalid) {
                return null;
            }
            cachedDay = text.substring(0, 10);
            cachedEpochDay = epochDay;
        }
        return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nanos);
    }

    /** The decimal number in text[from, to), or -1 if a character there is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
