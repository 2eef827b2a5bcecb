package io.ledger.ops.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** How a report is printed: JSON (the exact, comparable form), an aligned table for people, or CSV. */
enum ReportFormat {
    JSON, TABLE, CSV;

    /** Pretty-printed with "\n" line ends on every platform, keys in declaration order: byte-identical output. */
    static final ObjectWriter JSON_WRITER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.ALWAYS)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .writer(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

    static String json(Object report) {
        try {
            return JSON_WRITER.writeValueAsString(report) + "\n";
        } catch (JsonProcessingException unexpected) {
            throw new IllegalStateException("Report could not be written as JSON", unexpected);
        }
    }

    /** A titled table: one header row, one row per item, columns padded to their widest cell. */
    static <T> String table(String title, List<String> headers, List<T> rows, Function<T, List<Object>> cells) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(headers);
        rows.forEach(row -> lines.add(cells.apply(row).stream().map(ReportFormat::cell).toList()));
        int[] widths = new int[headers.size()];
        lines.forEach(line -> {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        });
        StringBuilder out = new StringBuilder(title).append('\n');
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                out.append(i == 0 ? "" : "  ").append(String.format("%-" + widths[i] + "s", line.get(i)));
            }
            out.setLength(out.length() - trailingSpaces(out));
            out.append('\n');
        }
        return out.append('\n').toString();
    }

    /** A CSV block (RFC 4180 quoting): a header row naming the section's columns, then one row per item. */
    static <T> String csv(String section, List<String> headers, List<T> rows, Function<T, List<Object>> cells) {
        StringBuilder out = new StringBuilder();
        out.append(csvLine(prepend("section", headers)));
        rows.forEach(row -> out.append(csvLine(prepend(section, cells.apply(row).stream().map(ReportFormat::cell)
                .toList()))));
        return out.toString();
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static String csvLine(List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (String cell : cells) {
            if (line.length() > 0) {
                line.append(',');
            }
            boolean quote = cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r");
            line.append(quote ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell);
        }
        return line.append("\r\n").toString();
    }

    private static String cell(Object value) {
        return value == null ? "" : value.toString();
    }

    private static int trailingSpaces(StringBuilder out) {
        int n = 0;
        while (n < out.length() && out.charAt(out.length() - 1 - n) == ' ') {
            n++;
        }
        return n;
    }
}
