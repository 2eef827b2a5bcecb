package io.ledger.harness.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.harness.LedgerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PgLoadShapesCommandTest {

    @Test
    void everyShapeLoadsEveryRowAndEndsWithTheThreeIndexes(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("shapes.json");

        int exit = new CommandLine(new LedgerHarness()).execute("pg-load-shapes", "--rows", "2500", "--chunk", "1000",
                "--rounds", "1", "--out", out.toString());

        assertThat(exit).isZero();
        JsonNode loads = new ObjectMapper().readTree(out.toFile());
        List<String> shapes = new ArrayList<>();
        for (JsonNode load : loads) {
            shapes.add(load.path("shape").asText());
            assertThat(load.path("rowsStored").asLong()).as(load.toString()).isEqualTo(2500);
            assertThat(load.path("secondaryIndexes").asLong()).as(load.toString()).isEqualTo(3);
            assertThat(load.path("totalSeconds").asDouble()).as(load.toString())
                    .isGreaterThanOrEqualTo(load.path("loadSeconds").asDouble()).isPositive();
        }
        assertThat(shapes).containsExactly("INSERT_WITH_INDEXES", "INSERT_THEN_INDEX", "COPY_THEN_INDEX");
    }
}
