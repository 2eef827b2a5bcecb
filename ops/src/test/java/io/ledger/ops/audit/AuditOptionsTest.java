package io.ledger.ops.audit;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuditOptionsTest {

    private static final List<String> G1 = List.of("G1 Young Generation", "G1 Old Generation");
    private static final List<String> SERIAL = List.of("Copy", "MarkSweepCompact");
    private static final List<String> PARALLEL = List.of("PS Scavenge", "PS MarkSweep");

    @Test
    void aLargeStoreOnTheDefaultOrTheSerialCollectorGetsTheHint() {
        assertThat(AuditOptions.collectorHint(5_000_001, G1)).hasValueSatisfying(hint -> assertThat(hint)
                .startsWith("5,000,001 events to read; ops/ledger-ops")
                .contains("-XX:+UseParallelGC -Xmn256m -Xms2g"));
        assertThat(AuditOptions.collectorHint(AuditOptions.LARGE_STORE_EVENTS, SERIAL)).isPresent();
    }

    @Test
    void theParallelCollectorOrASmallStoreGetsNone() {
        assertThat(AuditOptions.collectorHint(5_000_001, PARALLEL)).isEmpty();
        assertThat(AuditOptions.collectorHint(AuditOptions.LARGE_STORE_EVENTS - 1, G1)).isEmpty();
    }

    @Test
    void theHintNamesTheOptionsTheWrapperAndTheBenchmarkRunWith() throws Exception {
        String hint = AuditOptions.collectorHint(5_000_001, G1).orElseThrow();
        assertThat(hint).contains(defaultJavaOptions(Path.of("ledger-ops"), "LEDGER_OPS_JAVA_OPTS"))
                .contains(defaultJavaOptions(Path.of("bench", "audit-replay.sh"), "AUDIT_REPLAY_JAVA_OPTS"));
    }

    /** The default of {@code ${VARIABLE-default}} in a script of this module. */
    private static String defaultJavaOptions(Path script, String variable) throws Exception {
        String text = Files.readString(script);
        String start = "${" + variable + "-";
        int from = text.indexOf(start);
        assertThat(from).as("%s sets %s", script, variable).isNotNegative();
        return text.substring(from + start.length(), text.indexOf('}', from));
    }
}
