package io.ledger.ops.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.ledger.core.account.AccountCreditedEvent;
import io.ledger.core.account.AccountDebitedEvent;
import io.ledger.core.account.AccountHoldReleasedEvent;
import io.ledger.core.account.AccountHoldReservedEvent;
import io.ledger.core.account.AccountOpenedEvent;
import io.ledger.core.account.LegSide;
import io.ledger.core.refusal.CommandRefusedEvent;
import io.ledger.core.transfer.HoldPlacedEvent;
import io.ledger.core.transfer.HoldPostedEvent;
import io.ledger.core.transfer.TransferPostedEvent;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payload reader against Jackson with the service's settings: every payload of a type read in the compact
 * form must give the record Jackson gives (or fail as Jackson fails), whatever the bytes. The records are random,
 * with edge values, and written by the service's own mapper settings; then they are bent out of that form.
 */
class PayloadReaderTest {

    /** Exactly the service's mapper (ledger-api's AxonConfig#serializer), which ops cannot depend on. */
    private static final ObjectMapper SERVICE = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final List<String> VALUES_OF_OTHER_KINDS = List.of("null", "0", "-0", "-1", "1.5", "1e3", "-",
            "00", "01", "\"\"", "\"7\"", "\"DEBIT\"", "\"debit\"", "\"0\"", "\"2026-06-01T08:00:00Z\"", "true", "false",
            "[]", "{}", "{\"a\":\"b\"}", "{\"a\":null}", "{\"a\":1}", "[\"x\"]", "12345678901234567890",
            "-9223372036854775808", "9223372036854775807", "999999999999999999", "1000000000000000000",
            "\"\\u0041\"", "\"caf\u00e9\"");

    private final SplittableRandom random = new SplittableRandom(20261124);

    @Test
    void readsRandomRecordsOfEveryCompactTypeAsTheServicesMapperDoes() {
        PayloadReader reader = new PayloadReader();
        for (int i = 0; i < 10_000; i++) {
            Object record = randomRecord();
            byte[] json = serviceJson(record);
            assertReadsAsJackson(reader, record.getClass(), json);
            Object compact = reader.readCompact(record.getClass().getName(), "1", json);
            if (compact != null) {
                assertThat(compact).as(text(json)).isEqualTo(record);
            }
        }
    }

    @Test
    void readsThePayloadsTheServiceWritesWithoutJackson() {
        PayloadReader reader = new PayloadReader();
        for (int i = 0; i < 20_000; i++) {
            Object record = plainRecord();
            byte[] json = serviceJson(record);
            assertThat(reader.readCompact(record.getClass().getName(), "1", json)).as(text(json)).isEqualTo(record);
        }
    }

    @Test
    void leavesUnknownMissingMovedAndRepeatedPropertiesToJackson() {
        PayloadReader reader = new PayloadReader();
        for (int i = 0; i < 5_000; i++) {
            Object record = plainRecord();
            ObjectNode tree = SERVICE.valueToTree(record);
            List<String> names = new ArrayList<>();
            tree.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            for (String bent : List.of(
                    withExtraProperty(tree, random.nextInt(names.size() + 1)),
                    without(tree, name),
                    movedToTheEnd(tree, name, names),
                    withRepeated(tree, name))) {
                byte[] json = bent.getBytes(StandardCharsets.UTF_8);
                assertThat(reader.readCompact(record.getClass().getName(), "1", json)).as(bent).isNull();
                assertReadsAsJackson(reader, record.getClass(), json);
            }
        }
    }

    @Test
    void readsValuesOfEveryOtherKindAsJacksonDoes() {
        PayloadReader reader = new PayloadReader();
        for (int i = 0; i < 5_000; i++) {
            Object record = randomRecord();
            ObjectNode tree = SERVICE.valueToTree(record);
            List<String> names = new ArrayList<>();
            tree.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            String value = VALUES_OF_OTHER_KINDS.get(random.nextInt(VALUES_OF_OTHER_KINDS.size()));
            String bent = withValue(tree, name, value);
            assertReadsAsJackson(reader, record.getClass(), bent.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void readsWhitespaceTrailingBytesAndOtherRootsAsJacksonDoes() {
        PayloadReader reader = new PayloadReader();
        Object record = plainRecord();
        String json = text(serviceJson(record));
        for (String bent : List.of(" " + json, json + " ", json + "\n", json.replace(":", " : "),
                json.replace(",", ",\n"), json + "x", json + "{}", json + json, json.substring(0, json.length() - 1),
                "", "null", "[]", "\"text\"", "1", "{}")) {
            byte[] bytes = bent.getBytes(StandardCharsets.UTF_8);
            assertReadsAsJackson(reader, record.getClass(), bytes);
        }
        assertThat(reader.readCompact(record.getClass().getName(), "1",
                (json + " ").getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Test
    void readsRandomlyEditedBytesAsJacksonDoes() {
        PayloadReader reader = new PayloadReader();
        byte[] alphabet = "{}[]\":,.-+0123456789eEnulltrufasDEBITCREDITZ\\ \n\u007f".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 10_000; i++) {
            Object record = random.nextBoolean() ? plainRecord() : randomRecord();
            byte[] json = serviceJson(record);
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                json = edited(json, alphabet);
            }
            assertReadsAsJackson(reader, record.getClass(), json);
        }
    }

    @Test
    void leavesOtherRevisionsToJackson() {
        PayloadReader reader = new PayloadReader();
        for (int i = 0; i < 1_000; i++) {
            Object record = plainRecord();
            byte[] json = serviceJson(record);
            for (String revision : new String[] {"2", "0", "", "1.0", null}) {
                assertThat(reader.readCompact(record.getClass().getName(), revision, json)).isNull();
                assertThat(reader.read(record.getClass().getName(), revision, json)).isEqualTo(record);
            }
        }
    }

    @Test
    void holdsEveryCompactFormToItsRecordsRevision() {
        for (CompactForms.Form<?> form : CompactForms.ALL) {
            assertThat(form.type().getAnnotation(Revision.class)).as(form.type().getName()).isNotNull();
            assertThat(form.revision()).as(form.type().getName())
                    .isEqualTo(form.type().getAnnotation(Revision.class).value());
        }
    }

    @Test
    void readsTypesWithoutACompactFormWithJacksonAndUnknownTypesAsNothing() {
        PayloadReader reader = new PayloadReader();
        Object opened = new AccountOpenedEvent("acc-1", "EUR", "Alice", 100, false);
        Object refused = new CommandRefusedEvent("r-1", "TransferFundsCommand", Map.of("amount", "1.00"),
                List.of("a", "b"), "INSUFFICIENT_FUNDS", "Insufficient funds.");
        for (Object record : List.of(opened, refused)) {
            byte[] json = serviceJson(record);
            assertThat(reader.readCompact(record.getClass().getName(), "1", json)).isNull();
            assertThat(reader.read(record.getClass().getName(), "1", json)).isEqualTo(record);
        }
        assertThat(reader.read("java.lang.String", "1", "\"x\"".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(reader.read("io.ledger.core.NoSuchEvent", "1", "{}".getBytes(StandardCharsets.UTF_8))).isNull();
    }

    private void assertReadsAsJackson(PayloadReader reader, Class<?> type, byte[] json) {
        Outcome expected = jackson(type, json);
        Outcome actual;
        try {
            actual = new Outcome(reader.read(type.getName(), "1", json), null);
        } catch (UncheckedIOException failure) {
            actual = new Outcome(null, failure.getCause().getClass());
        } catch (RuntimeException failure) {
            actual = new Outcome(null, failure.getClass());
        }
        assertThat(actual).as(text(json)).isEqualTo(expected);
    }

    /** A record read by the service's mapper, or the class of its failure. */
    private record Outcome(Object value, Class<?> failure) {
    }

    private static Outcome jackson(Class<?> type, byte[] json) {
        try {
            return new Outcome(SERVICE.readValue(json, type), null);
        } catch (IOException failure) {
            return new Outcome(null, failure.getClass());
        } catch (RuntimeException failure) {
            return new Outcome(null, failure.getClass());
        }
    }

    // ---- records: random ones with edge values, and plain ones such as the service writes every day ----

    private Object randomRecord() {
        return record(this::anyString, this::anyLong, this::anyInstant, this::anyMap);
    }

    private Object plainRecord() {
        return record(this::plainString, () -> random.nextLong(-1_000_000_000_000L, 1_000_000_000_000L),
                this::plainInstant, this::plainMap);
    }

    private Object record(Supplier<String> string, Supplier<Long> amount, Supplier<Instant> instant,
                          Supplier<Map<String, String>> map) {
        LegSide side = random.nextBoolean() ? LegSide.DEBIT : LegSide.CREDIT;
        return switch (random.nextInt(7)) {
            case 0 -> new AccountDebitedEvent(string.get(), string.get(), string.get(), amount.get(), string.get(),
                    instant.get());
            case 1 -> new AccountCreditedEvent(string.get(), string.get(), string.get(), amount.get(), string.get(),
                    instant.get());
            case 2 -> new TransferPostedEvent(string.get(), string.get(), string.get(), amount.get(), string.get(),
                    map.get(), instant.get());
            case 3 -> new AccountHoldReservedEvent(string.get(), string.get(), side, string.get(), amount.get(),
                    string.get());
            case 4 -> new AccountHoldReleasedEvent(string.get(), string.get(), side, amount.get(), string.get());
            case 5 -> new HoldPlacedEvent(string.get(), string.get(), string.get(), amount.get(), string.get(),
                    map.get(), random.nextInt(3) == 0 ? null : amount.get(), instant.get());
            default -> new HoldPostedEvent(string.get(), string.get(), string.get(), amount.get(), amount.get(),
                    amount.get(), string.get());
        };
    }

    private String plainString() {
        return switch (random.nextInt(4)) {
            case 0 -> "eur-customer-" + random.nextInt(10_000);
            case 1 -> "t-" + random.nextInt(1_000_000);
            case 2 -> random.nextBoolean() ? "EUR" : "USD";
            default -> random.nextInt(5) == 0 ? null : plainAscii(random.nextInt(40));
        };
    }

    private String anyString() {
        return switch (random.nextInt(8)) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> printableAscii(1 + random.nextInt(30));
            case 3 -> "caf\u00e9 \u4e2d\u6587 \ud83d\ude00";
            case 4 -> "quote \" backslash \\ slash / tab \t newline \n nul \u0000 line \u2028";
            case 5 -> anyCharacters(random.nextInt(20));
            case 6 -> printableAscii(2_000 + random.nextInt(2_000));
            default -> plainString();
        };
    }

    private String printableAscii(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) random.nextInt(0x20, 0x7f));
        }
        return text.toString();
    }

    /** Printable ASCII that Jackson writes without escapes: all of it but the quote and the backslash. */
    private String plainAscii(int length) {
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            char c = (char) random.nextInt(0x20, 0x7f);
            if (c != '"' && c != '\\') {
                text.append(c);
            }
        }
        return text.toString();
    }

    private String anyCharacters(int length) {
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            int codePoint = random.nextInt(0x11_0000);
            if (codePoint < 0xd800 || codePoint > 0xdfff) {
                text.appendCodePoint(codePoint);
            }
        }
        return text.toString();
    }

    private long anyLong() {
        long[] edges = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 999_999_999_999_999_999L,
                -999_999_999_999_999_999L, 1_000_000_000_000_000_000L, -1_000_000_000_000_000_000L, 10, 100};
        return random.nextBoolean() ? edges[random.nextInt(edges.length)] : random.nextLong();
    }

    private Instant plainInstant() {
        if (random.nextInt(3) == 0) {
            return null;
        }
        long from = Instant.parse("1970-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2200-01-01T00:00:00Z").getEpochSecond();
        int nanos = switch (random.nextInt(3)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            default -> random.nextInt(1_000_000_000);
        };
        return Instant.ofEpochSecond(random.nextLong(from, to), nanos);
    }

    private Instant anyInstant() {
        Instant[] edges = {Instant.EPOCH, Instant.MIN, Instant.MAX, Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59Z"), Instant.ofEpochSecond(-1, 1)};
        return random.nextInt(3) == 0 ? edges[random.nextInt(edges.length)] : plainInstant();
    }

    private Map<String, String> plainMap() {
        int size = random.nextInt(3) == 0 ? 1 + random.nextInt(4) : 0;
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < size; i++) {
            map.put("key-" + random.nextInt(20), plainAscii(random.nextInt(30)));
        }
        return random.nextInt(10) == 0 ? null : map;
    }

    private Map<String, String> anyMap() {
        int size = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(16);
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < size; i++) {
            map.put(random.nextBoolean() ? anyCharacters(1 + random.nextInt(5)) : printableAscii(random.nextInt(10)),
                    random.nextInt(10) == 0 ? null : anyString());
        }
        return random.nextInt(10) == 0 ? null : map;
    }

    // ---- bending the service's form ----

    private String withExtraProperty(ObjectNode tree, int position) {
        ObjectNode bent = JsonNodeFactory.instance.objectNode();
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        tree.fields().forEachRemaining(fields::add);
        for (int i = 0; i <= fields.size(); i++) {
            if (i == position) {
                bent.put("unknownProperty", random.nextBoolean() ? "x" : null);
            }
            if (i < fields.size()) {
                bent.set(fields.get(i).getKey(), fields.get(i).getValue());
            }
        }
        return bent.toString();
    }

    private static String without(ObjectNode tree, String name) {
        ObjectNode bent = tree.deepCopy();
        bent.remove(name);
        return bent.toString();
    }

    private static String movedToTheEnd(ObjectNode tree, String name, List<String> names) {
        ObjectNode bent = tree.deepCopy();
        bent.remove(name);
        bent.set(name, tree.get(name));
        // Moving the last property leaves the order as it was: swap it with the first then.
        if (name.equals(names.get(names.size() - 1))) {
            ObjectNode swapped = JsonNodeFactory.instance.objectNode();
            swapped.set(name, tree.get(name));
            tree.fields().forEachRemaining(field -> {
                if (!field.getKey().equals(name)) {
                    swapped.set(field.getKey(), field.getValue());
                }
            });
            return swapped.toString();
        }
        return bent.toString();
    }

    private static String withRepeated(ObjectNode tree, String name) {
        String json = tree.toString();
        return json.substring(0, json.length() - 1) + ",\"" + name + "\":" + tree.get(name) + "}";
    }

    private static String withValue(ObjectNode tree, String name, String value) {
        StringBuilder json = new StringBuilder("{");
        tree.fields().forEachRemaining(field -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(field.getKey()).append("\":")
                    .append(field.getKey().equals(name) ? value : field.getValue().toString());
        });
        return json.append('}').toString();
    }

    private byte[] edited(byte[] json, byte[] alphabet) {
        int at = random.nextInt(json.length + 1);
        byte replacement = random.nextInt(8) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(
                alphabet.length)];
        return switch (random.nextInt(3)) {
            case 0 -> splice(json, at, 0, replacement);
            case 1 -> at < json.length ? splice(json, at, 1, null) : json;
            default -> at < json.length ? splice(json, at, 1, replacement) : json;
        };
    }

    /** {@code json} with {@code removed} bytes at {@code at} replaced by {@code inserted} (none if null). */
    private static byte[] splice(byte[] json, int at, int removed, Byte inserted) {
        int added = inserted == null ? 0 : 1;
        byte[] spliced = new byte[json.length - removed + added];
        System.arraycopy(json, 0, spliced, 0, at);
        if (inserted != null) {
            spliced[at] = inserted;
        }
        System.arraycopy(json, at + removed, spliced, at + added, json.length - at - removed);
        return spliced;
    }

    private static byte[] serviceJson(Object record) {
        try {
            return SERVICE.writeValueAsBytes(record);
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
