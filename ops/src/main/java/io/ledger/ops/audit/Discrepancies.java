package io.ledger.ops.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code audit verify} found, grouped by check. Each group keeps its first lines in full and counts the rest,
 * so that a badly broken view gives a readable report rather than millions of lines.
 */
final class Discrepancies {

    static final int LINES_PER_CHECK = 50;

    private final Map<String, List<String>> byCheck = new TreeMap<>();
    private final Map<String, Long> counts = new TreeMap<>();

    void add(String check, String line) {
        counts.merge(check, 1L, Long::sum);
        List<String> lines = byCheck.computeIfAbsent(check, c -> new ArrayList<>());
        if (lines.size() < LINES_PER_CHECK) {
            lines.add(line);
        }
    }

    boolean isEmpty() {
        return counts.isEmpty();
    }

    long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** One section per check with its lines, in check order. */
    String describe() {
        StringBuilder out = new StringBuilder();
        byCheck.forEach((check, lines) -> {
            long count = counts.get(check);
            out.append(check).append(": ").append(count).append(count == 1 ? " discrepancy" : " discrepancies")
                    .append('\n');
            lines.forEach(line -> out.append("  - ").append(line).append('\n'));
            if (count > lines.size()) {
                out.append("  ... and ").append(count - lines.size()).append(" more\n");
            }
        });
        return out.toString();
    }
}
