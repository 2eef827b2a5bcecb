package io.ledger.ops.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads a payload in the one form the service's Jackson mapper writes for a flat record: no whitespace, the
 * properties in the record's component order, each present once, strings of printable ASCII without escapes,
 * integers of at most 18 digits without leading zeros, instants in {@code Instant.toString()} form, maps of
 * strings. Anything else (another order, an unknown or missing property, an escape, a non-ASCII byte, a float, a
 * literal where a string belongs, bytes after the object) makes {@link #read} answer null, and the caller reads
 * the payload with Jackson instead: this class never decides what an unusual payload means, so for every
 * payload it reads it gives what Jackson gives.
 *
 * <p>Why not Jackson's streaming parser: it still builds a parser, an {@code IOContext} and a symbol table per
 * payload, which were most of what Jackson cost the replay; this reader allocates only the values it returns.
 * Not thread-safe (it keeps its position and caches a day in its {@link Timestamps}): one per reading thread.
 */
final class CompactJson {

    /**
     * Above this size a payload goes to Jackson, whose limits on string and document length then apply as they
     * always did. The service's payloads are a few hundred bytes.
     */
    static final int MAX_COMPACT_BYTES = 64 * 1024;

    /** Thrown at the first byte outside the compact form; without a stack trace, since it is an answer, not a fault. */
    private static final class NotCompact extends RuntimeException {
        private NotCompact() {
            super("not in the compact form", null, false, false);
        }
    }

    private static final NotCompact NOT_COMPACT = new NotCompact();

    private final Timestamps timestamps = new Timestamps();
    private byte[] json;
    private int at;
    private boolean firstProperty;

    /**
     * The payload {@code properties} build from {@code json}, or null if {@code json} is not in the compact form.
     * {@code properties} reads each property once, in the order the service writes them, and passes the values
     * to the record's constructor.
     */
    <T> T read(byte[] json, Function<CompactJson, T> properties) {
        if (json.length > MAX_COMPACT_BYTES) {
            return null;
        }
        this.json = json;
        this.at = 0;
        this.firstProperty = true;
        try {
            expect('{');
            T payload = properties.apply(this);
            expect('}');
            return at == json.length ? payload : null;
        } catch (RuntimeException notCompactOrRefusedByTheRecord) {
            // A record's constructor that refuses a value (or a slip here) must fail or succeed as Jackson
            // makes it: Jackson reads the payload again.
            return null;
        } finally {
            this.json = null;
        }
    }

    String string(String name) {
        property(name);
        return literalNull() ? null : quoted();
    }

    /** A primitive {@code long}: Jackson reads null there as 0, which is left to Jackson. */
    long longValue(String name) {
        property(name);
        return integer();
    }

    Long nullableLong(String name) {
        property(name);
        return literalNull() ? null : integer();
    }

    Instant instant(String name) {
        property(name);
        if (literalNull()) {
            return null;
        }
        Instant plain = timestamps.parsePlain(quoted());
        if (plain == null) {
            throw NOT_COMPACT;
        }
        return plain;
    }

    /** A constant by its exact name; any other string (Jackson would also try an index) is left to Jackson. */
    <E extends Enum<E>> E constant(String name, Class<E> type) {
        property(name);
        return literalNull() ? null : Enum.valueOf(type, quoted());
    }

    /**
     * A map of strings, in a {@link TreeMap} (the records copy theirs into one anyway), or null for an empty
     * object or null: the records read null as empty, so no map is built for the common {@code {}}.
     */
    SortedMap<String, String> stringMapOrNullWhenEmpty(String name) {
        property(name);
        if (literalNull()) {
            return null;
        }
        expect('{');
        if (skip('}')) {
            return null;
        }
        SortedMap<String, String> map = new TreeMap<>();
        do {
            String key = quoted();
            expect(':');
            // Jackson keeps the last of duplicate keys, and so does put.
            map.put(key, quoted());
        } while (skip(','));
        expect('}');
        return map;
    }

    private void property(String name) {
        if (!firstProperty) {
            expect(',');
        }
        firstProperty = false;
        expect('"');
        for (int i = 0; i < name.length(); i++) {
            expect(name.charAt(i));
        }
        expect('"');
        expect(':');
    }

    /** A string of printable ASCII without escapes, whose bytes are its characters. */
    private String quoted() {
        expect('"');
        int start = at;
        while (true) {
            byte b = next();
            if (b == '"') {
                return new String(json, start, at - 1 - start, StandardCharsets.ISO_8859_1);
            }
            // Bytes of non-ASCII characters are negative; control characters and escapes are left to Jackson.
            if (b < 0x20 || b == '\\') {
                throw NOT_COMPACT;
            }
        }
    }

    /** An integer of 1 to 18 digits, which cannot overflow a long; longer ones are left to Jackson. */
    private long integer() {
        boolean negative = skip('-');
        int start = at;
        long value = 0;
        while (at < json.length && json[at] >= '0' && json[at] <= '9') {
            value = value * 10 + (json[at] - '0');
            at++;
        }
        int digits = at - start;
        if (digits == 0 || digits > 18 || (digits > 1 && json[start] == '0')) {
            throw NOT_COMPACT;
        }
        return negative ? -value : value;
    }

    private boolean literalNull() {
        if (at + 4 <= json.length && json[at] == 'n' && json[at + 1] == 'u' && json[at + 2] == 'l'
                && json[at + 3] == 'l') {
            at += 4;
            return true;
        }
        return false;
    }

    private boolean skip(char expected) {
        if (at < json.length && json[at] == expected) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char expected) {
        if (next() != expected) {
            throw NOT_COMPACT;
        }
    }

    private byte next() {
        if (at >= json.length) {
            throw NOT_COMPACT;
        }
        return json[at++];
    }
}
