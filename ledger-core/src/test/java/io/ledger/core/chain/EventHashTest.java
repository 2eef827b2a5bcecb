package io.ledger.core.chain;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventHashTest {

    private static final ChainedEvent EVENT = new ChainedEvent("e-1", "transfer:t-1", 0, "Transfer",
            "io.ledger.core.transfer.TransferPostedEvent", null, "2026-11-24T00:08:58.938Z",
            utf8("{\"amount\":\"30.25\"}"), utf8("{\"traceId\":\"x\"}"));

    @Test
    void theGenesisIsThirtyTwoZeroBytes() {
        assertThat(EventHash.genesis()).hasSize(32).containsOnly(0);
    }

    @Test
    void theEncodingIsPinnedSoThatStoredChainsStayVerifiable() {
        // Computed once from version 1 of the encoding. If this changes, every stored chain stops verifying:
        // change the domain tag and keep the old encoding for old rows instead.
        assertThat(EventHash.hex(EventHash.of(EventHash.genesis(), EVENT)))
                .isEqualTo(PINNED_HASH);
    }

    @Test
    void theHashDependsOnThePredecessor() {
        byte[] other = EventHash.genesis();
        other[31] = 1;
        assertThat(EventHash.of(other, EVENT)).isNotEqualTo(EventHash.of(EventHash.genesis(), EVENT));
    }

    @Test
    void bytesMovedFromThePayloadIntoTheMetadataChangeTheHash() {
        ChainedEvent split = with(EVENT, utf8("ab"), utf8("c"));
        ChainedEvent shifted = with(EVENT, utf8("a"), utf8("bc"));
        assertThat(hash(split)).isNotEqualTo(hash(shifted));
    }

    @Test
    void absentMetadataIsNotTheSameAsEmptyMetadata() {
        assertThat(hash(with(EVENT, EVENT.payload(), null)))
                .isNotEqualTo(hash(with(EVENT, EVENT.payload(), new byte[0])));
    }

    @Test
    void aPreviousHashOfTheWrongLengthIsRefused() {
        assertThatThrownBy(() -> EventHash.of(new byte[31], EVENT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventHash.of(null, EVENT)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void matchingRequiresAStoredHashWithTheSameBytes() {
        byte[] hash = hash(EVENT);
        assertThat(EventHash.matches(hash, hash.clone())).isTrue();
        assertThat(EventHash.matches(hash, null)).isFalse();
        byte[] flipped = hash.clone();
        flipped[0] ^= 1;
        assertThat(EventHash.matches(hash, flipped)).isFalse();
    }

    @Property
    void changingAnyOneFieldChangesTheHash(@ForAll("events") ChainedEvent event,
                                           @ForAll @IntRange(min = 0, max = 8) int field) {
        ChainedEvent altered = alter(event, field);
        assertThat(hash(altered)).isNotEqualTo(hash(event));
    }

    @Property
    void theHashIsAFunctionOfTheStoredFieldsOnly(@ForAll("events") ChainedEvent event) {
        ChainedEvent copy = new ChainedEvent(event.eventIdentifier(), event.aggregateIdentifier(),
                event.sequenceNumber(), event.type(), event.payloadType(), event.payloadRevision(), event.timestamp(),
                event.payload().clone(), event.metadata() == null ? null : event.metadata().clone());
        assertThat(hash(copy)).isEqualTo(hash(event)).hasSize(EventHash.LENGTH_BYTES);
    }

    @Provide
    Arbitrary<ChainedEvent> events() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(12);
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(16);
        return Combinators.combine(text, text, Arbitraries.longs().between(0, 1_000_000), text.injectNull(0.2),
                        text, text.injectNull(0.5), bytes, bytes.injectNull(0.2))
                .as((id, aggregate, sequence, type, payloadType, revision, payload, metadata) ->
                        new ChainedEvent(id, aggregate, sequence, type, payloadType, revision,
                                "2026-11-24T00:00:00.000Z", payload, metadata));
    }

    private static ChainedEvent alter(ChainedEvent e, int field) {
        return switch (field) {
            case 0 -> new ChainedEvent(e.eventIdentifier() + "x", e.aggregateIdentifier(), e.sequenceNumber(),
                    e.type(), e.payloadType(), e.payloadRevision(), e.timestamp(), e.payload(), e.metadata());
            case 1 -> new ChainedEvent(e.eventIdentifier(), e.aggregateIdentifier() + "x", e.sequenceNumber(),
                    e.type(), e.payloadType(), e.payloadRevision(), e.timestamp(), e.payload(), e.metadata());
            case 2 -> new ChainedEvent(e.eventIdentifier(), e.aggregateIdentifier(), e.sequenceNumber() + 1,
                    e.type(), e.payloadType(), e.payloadRevision(), e.timestamp(), e.payload(), e.metadata());
            case 3 -> new ChainedEvent(e.eventIdentifier(), e.aggregateIdentifier(), e.sequenceNumber(),
                    e.type() == null ? "" : null, e.payloadType(), e.payloadRevision(), e.timestamp(), e.payload(),
                    e.metadata());
            case 4 -> new ChainedEvent(e.eventIdentifier(), e.aggregateIdentifier(), e.sequenceNumber(),
                    e.type(), e.payloadType() + "x", e.payloadRevision(), e.timestamp(), e.payload(), e.metadata());
            case 5 -> new ChainedEvent(e.eventIdentifier(), e.aggregateIdentifier(), e.sequenceNumber(),
                    e.type(), e.payloadType(), e.payloadRevision() == null ? "1" : null, e.timestamp(), e.payload(),
                    e.metadata());
            case 6 -> new ChainedEvent(e.eventIdentifier(), e.aggregateIdentifier(), e.sequenceNumber(),
                    e.type(), e.payloadType(), e.payloadRevision(), "2026-11-24T00:00:00.001Z", e.payload(),
                    e.metadata());
            case 7 -> with(e, appendByte(e.payload()), e.metadata());
            default -> with(e, e.payload(), e.metadata() == null ? new byte[0] : appendByte(e.metadata()));
        };
    }

    private static ChainedEvent with(ChainedEvent e, byte[] payload, byte[] metadata) {
        return new ChainedEvent(e.eventIdentifier(), e.aggregateIdentifier(), e.sequenceNumber(), e.type(),
                e.payloadType(), e.payloadRevision(), e.timestamp(), payload, metadata);
    }

    private static byte[] appendByte(byte[] bytes) {
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        longer[bytes.length] = 7;
        return longer;
    }

    private static byte[] hash(ChainedEvent event) {
        return EventHash.of(EventHash.genesis(), event);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // Cross-checked with an independent implementation of the encoding (Python hashlib) when it was pinned.
    private static final String PINNED_HASH = "ed7ec853ba49f444f0e6bf8373db14236969ae8872da5b526f5de6fcc50226d1";
}
