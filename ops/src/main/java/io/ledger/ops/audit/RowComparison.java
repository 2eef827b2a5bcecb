package io.ledger.ops.audit;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Compares a live table with the same view replayed, row by row on the table's key: rows only one side has, and
 * for rows both have, each field that differs, named with both values.
 */
final class RowComparison {

    private RowComparison() {
    }

    static <R extends Record> void compare(String table, List<R> replayed, List<R> live, Function<R, String> key,
                                           Discrepancies found) {
        Map<String, R> expected = new TreeMap<>();
        replayed.forEach(row -> expected.put(key.apply(row), row));
        for (R row : live) {
            R want = expected.remove(key.apply(row));
            if (want == null) {
                found.add(table, key.apply(row) + ": in the live view, but no event makes it");
            } else if (!want.equals(row)) {
                found.add(table, key.apply(row) + ": " + differences(want, row));
            }
        }
        expected.keySet().forEach(missing -> found.add(table, missing + ": missing from the live view"));
    }

    /** "field live X, replay Y" for every component that differs. */
    static String differences(Record replayed, Record live) {
        List<String> fields = new ArrayList<>();
        for (RecordComponent component : replayed.getClass().getRecordComponents()) {
            Object want = value(component, replayed);
            Object have = value(component, live);
            if (!Objects.equals(want, have)) {
                fields.add(component.getName() + " live " + have + ", replay " + want);
            }
        }
        return String.join("; ", fields);
    }

    private static Object value(RecordComponent component, Record row) {
        try {
            return component.getAccessor().invoke(row);
        } catch (ReflectiveOperationException unreadable) {
            throw new IllegalStateException("Unreadable field " + component.getName(), unreadable);
        }
    }
}
