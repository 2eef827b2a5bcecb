package io.ledger.harness.bank;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The run's history, one operation per line (JSON), kept in the work directory for diagnosis. */
final class HistoryFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HistoryFile() {
    }

    static void write(List<Operation> history, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (Operation operation : history) {
                out.write(JSON.writeValueAsString(operation));
                out.newLine();
            }
        }
    }
}
