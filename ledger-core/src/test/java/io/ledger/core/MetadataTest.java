package io.ledger.core;

import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

class MetadataTest {

    @Test
    void acceptsTheMaximumNumberOfEntries() {
        assertThatCode(() -> Metadata.requireValid(entries(Metadata.MAX_ENTRIES))).doesNotThrowAnyException();
    }

    @Test
    void refusesOneEntryMoreThanTheMaximumAsTooLarge() {
        assertRefused(entries(Metadata.MAX_ENTRIES + 1), LedgerErrorCode.METADATA_TOO_LARGE);
    }

    @Test
    void acceptsAValueOfTheMaximumLength() {
        assertThatCode(() -> Metadata.requireValid(Map.of("invoice", "v".repeat(Metadata.MAX_VALUE_LENGTH))))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAValueOneCharacterLongerThanTheMaximumAsTooLarge() {
        assertRefused(Map.of("invoice", "v".repeat(Metadata.MAX_VALUE_LENGTH + 1)), LedgerErrorCode.METADATA_TOO_LARGE);
    }

    @Test
    void acceptsAKeyOfTheMaximumLength() {
        assertThatCode(() -> Metadata.requireValid(Map.of("k".repeat(Metadata.MAX_KEY_LENGTH), "v")))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAKeyLongerThanTheMaximumAsInvalid() {
        assertRefused(Map.of("k".repeat(Metadata.MAX_KEY_LENGTH + 1), "v"), LedgerErrorCode.INVALID_METADATA);
    }

    @Test
    void refusesAKeyWithASpaceAsInvalid() {
        assertRefused(Map.of("a b", "v"), LedgerErrorCode.INVALID_METADATA);
    }

    @Test
    void refusesAnEmptyKeyAsInvalid() {
        assertRefused(Map.of("", "v"), LedgerErrorCode.INVALID_METADATA);
    }

    @Test
    void refusesAMissingKeyAsInvalid() {
        Map<String, String> metadata = new HashMap<>();
        metadata.put(null, "v");

        assertRefused(metadata, LedgerErrorCode.INVALID_METADATA);
    }

    @Test
    void refusesAMissingValueAsInvalid() {
        Map<String, String> metadata = new HashMap<>();
        metadata.put("invoice", null);

        assertRefused(metadata, LedgerErrorCode.INVALID_METADATA);
    }

    @Test
    void acceptsAnEmptyValue() {
        assertThatCode(() -> Metadata.requireValid(Map.of("invoice", ""))).doesNotThrowAnyException();
    }

    @Test
    void acceptsNoMetadataAtAll() {
        assertThatCode(() -> Metadata.requireValid(null)).doesNotThrowAnyException();
        assertThatCode(() -> Metadata.requireValid(Map.of())).doesNotThrowAnyException();
    }

    @Test
    void canonicalFormSortsTheKeys() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("zeta", "1");
        metadata.put("alpha", "2");
        metadata.put("mu", "3");

        assertThat(Metadata.canonical(metadata))
                .containsExactly(entry("alpha", "2"), entry("mu", "3"), entry("zeta", "1"));
    }

    @Test
    void canonicalFormIsUnmodifiable() {
        SortedMap<String, String> canonical = Metadata.canonical(Map.of("invoice", "INV-1"));

        assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(() -> canonical.put("other", "x"));
        assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(canonical::clear);
    }

    @Test
    void canonicalFormIsACopyThatIgnoresLaterChangesToTheOriginal() {
        Map<String, String> metadata = new HashMap<>(Map.of("invoice", "INV-1"));
        SortedMap<String, String> canonical = Metadata.canonical(metadata);

        metadata.put("invoice", "INV-2");

        assertThat(canonical).containsExactly(entry("invoice", "INV-1"));
    }

    @Test
    void canonicalFormOfNoMetadataIsEmpty() {
        assertThat(Metadata.canonical(null)).isEmpty();
    }

    private static Map<String, String> entries(int count) {
        Map<String, String> metadata = new HashMap<>();
        for (int i = 0; i < count; i++) {
            metadata.put("key" + i, "value" + i);
        }
        return metadata;
    }

    private static void assertRefused(Map<String, String> metadata, LedgerErrorCode code) {
        assertThatExceptionOfType(LedgerException.class)
                .isThrownBy(() -> Metadata.requireValid(metadata))
                .extracting(LedgerException::code)
                .isEqualTo(code);
    }
}
