package io.ledger.ops.store;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimestampsTest {

    @Test
    void readsWhatInstantToStringWritesExactlyAsInstantParseDoes() {
        Timestamps timestamps = new Timestamps();
        SplittableRandom random = new SplittableRandom(42);
        long from = Instant.parse("1970-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2200-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(from, to);
            int nanos = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            String text = Instant.ofEpochSecond(seconds, nanos).toString();
            assertThat(timestamps.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void agreesWithInstantParseOnUnusualButValidForms() {
        Timestamps timestamps = new Timestamps();
        for (String text : List.of("2026-06-01T08:00:00Z", "2026-06-01T08:00:00.1Z", "2026-06-01T08:00:00.123456789Z",
                "2026-06-01T08:00:00.000Z", "2024-02-29T23:59:59.999Z", "2026-06-01T08:00:00+02:00",
                "2026-06-01T23:59:60Z", "2026-06-01T08:00:00.Z", "+12026-06-01T08:00:00Z", "0000-01-01T00:00:00Z")) {
            assertThat(timestamps.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void refusesWhatInstantParseRefuses() {
        Timestamps timestamps = new Timestamps();
        timestamps.parse("2026-02-28T00:00:00Z");
        for (String text : List.of("2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-02-28T25:00:00Z",
                "2026-02-28T00:61:00Z", "2026-02-28T00:00:00.1234567890Z",
                "2026-02-28T00:00:0aZ", "2026-02-28 00:00:00Z", "2026-02-28T00:00:00", "")) {
            assertThatThrownBy(() -> Instant.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> timestamps.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
    }
}
