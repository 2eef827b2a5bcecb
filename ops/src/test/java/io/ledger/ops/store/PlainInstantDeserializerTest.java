package io.ledger.ops.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import io.ledger.core.transfer.HoldPlacedEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payloads' mapper (plain instants read by {@link Timestamps}) against the mapper with the service's settings
 * alone: every payload must read the same, or fail the same way.
 */
class PlainInstantDeserializerTest {

    private static final ObjectReader PLAIN = EventReader.mapper().readerFor(HoldPlacedEvent.class);
    private static final ObjectReader FAST = EventReader.mapper().registerModule(PlainInstantDeserializer.module())
            .readerFor(HoldPlacedEvent.class);

    @Test
    void readsInstantToStringFormsAsTheServicesSettingsDo() {
        SplittableRandom random = new SplittableRandom(7);
        long from = Instant.parse("1970-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2200-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 50_000; i++) {
            long seconds = random.nextInt(3) == 0 ? from + random.nextLong(3 * 86_400) + 86_400L * 20_000
                    : random.nextLong(from, to);
            int nanos = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            compare("\"" + Instant.ofEpochSecond(seconds, nanos) + "\"");
        }
    }

    @Test
    void readsEveryOtherFormAndRefusesAsTheServicesSettingsDo() {
        for (String value : List.of("null", "\"\"", "\" \"", "\" 2026-06-01T08:00:00Z \"", "\"2026-06-01T08:00:00+02:00\"",
                "\"2026-06-01T08:00:00+0000\"", "\"2026-06-01T08:00:00.Z\"", "\"2026-06-01T23:59:60Z\"",
                "\"+12026-06-01T08:00:00Z\"", "\"0000-01-01T00:00:00Z\"", "\"2026-02-30T00:00:00Z\"",
                "\"2026-13-01T00:00:00Z\"", "\"2026-02-28T25:00:00Z\"", "\"2026-02-28T00:00:00.1234567890Z\"",
                "\"2026-02-28 00:00:00Z\"", "\"2026-02-28T00:00:00\"", "\"1717228800\"", "\"1717228800.5\"",
                "1717228800", "1717228800.123456789", "-5", "true", "[]", "{}")) {
            compare(value);
        }
    }

    @Test
    void wrapsTheModulesInstantDeserializer() throws Exception {
        ObjectMapper mapper = EventReader.mapper().registerModule(PlainInstantDeserializer.module());
        DefaultDeserializationContext context = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                .createInstance(mapper.getDeserializationConfig(), null, null);
        assertThat(context.findRootValueDeserializer(mapper.constructType(Instant.class)))
                .isInstanceOf(PlainInstantDeserializer.class);
    }

    private static void compare(String expiresAt) {
        String json = "{\"transferId\":\"h-1\",\"debitAccountId\":\"a\",\"creditAccountId\":\"b\",\"amountMinor\":5,"
                + "\"currency\":\"EUR\",\"metadata\":{},\"timeoutSeconds\":null,\"expiresAt\":" + expiresAt + "}";
        Object expected = read(PLAIN, json);
        Object actual = read(FAST, json);
        if (expected instanceof Exception failure) {
            assertThat(actual).as(json).isExactlyInstanceOf(failure.getClass());
        } else {
            assertThat(actual).as(json).isEqualTo(expected);
        }
    }

    private static Object read(ObjectReader reader, String json) {
        try {
            return reader.readValue(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (Exception failure) {
            return failure;
        }
    }
}
