package io.ledger.ops.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads stored payloads into their ledger-core records: the commonest types in the compact form the service
 * writes ({@link CompactForms}), everything else, and any payload not in that form, with Jackson and the
 * service's settings (see {@link EventReader#mapper()}). Both give the same record for the same bytes, so which
 * one read a payload never shows.
 *
 * <p>Only classes of ledger-core ({@code io.ledger.core.}) are ever instantiated from a stored type name, so a row
 * naming another class cannot make the tool load it. Not thread-safe: one per reading thread.
 */
final class PayloadReader {

    /** How to read one stored payload type; {@code jackson} is null for a type the tool does not know. */
    private record Readers(ObjectReader jackson, CompactForms.Form<?> compact) {
    }

    private static final Readers UNKNOWN = new Readers(null, null);

    /** The service's settings, and instants in their plain form read without a formatter. */
    private final ObjectMapper mapper = EventReader.mapper().registerModule(PlainInstantDeserializer.module());
    private final Map<String, Readers> readersByType = new HashMap<>();
    private final CompactJson compactJson = new CompactJson();

    /** The payload's record, or null for a payload type the tool does not know. */
    Object read(String payloadType, String revision, byte[] json) {
        Readers readers = readersByType.computeIfAbsent(payloadType, this::readersFor);
        Object compact = readCompact(readers.compact(), revision, json);
        if (compact != null) {
            return compact;
        }
        if (readers.jackson() == null) {
            return null;
        }
        try {
            return readers.jackson().readValue(json);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("Unreadable payload of type " + payloadType, unreadable);
        }
    }

    /** The record read in the compact form, or null if the type, revision or bytes are not in it. */
    Object readCompact(String payloadType, String revision, byte[] json) {
        return readCompact(readersByType.computeIfAbsent(payloadType, this::readersFor).compact(), revision, json);
    }

    private Object readCompact(CompactForms.Form<?> form, String revision, byte[] json) {
        if (form == null || !form.revision().equals(revision)) {
            return null;
        }
        return compactJson.read(json, form.properties());
    }

    private Readers readersFor(String payloadType) {
        if (!payloadType.startsWith("io.ledger.core.")) {
            return UNKNOWN;
        }
        Class<?> type;
        try {
            type = Class.forName(payloadType, false, getClass().getClassLoader());
        } catch (ClassNotFoundException unknown) {
            return UNKNOWN;
        }
        CompactForms.Form<?> compact = CompactForms.ALL.stream()
                .filter(form -> form.type() == type).findFirst().orElse(null);
        return new Readers(mapper.readerFor(mapper.constructType(type)), compact);
    }
}
