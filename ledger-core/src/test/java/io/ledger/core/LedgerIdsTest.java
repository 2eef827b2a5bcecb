package io.ledger.core;

import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LedgerIdsTest {

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("validIds")
    void acceptsAnIdOfLettersDigitsDotsUnderscoresAndDashes(String id) {
        assertThat(LedgerIds.isValid(id)).isTrue();
    }

    static Stream<String> validIds() {
        return Stream.of(
                "3f2c1a9e-7b4d-4e8f-9a0b-1c2d3e4f5a6b",
                "alice",
                "settlement.eur",
                "a_b-c",
                "x",
                "7",
                "A".repeat(LedgerIds.MAX_LENGTH));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullSource
    @MethodSource("invalidIds")
    void refusesAnIdOutsideTheAlphabetOrLength(String id) {
        assertThat(LedgerIds.isValid(id)).isFalse();
    }

    static Stream<String> invalidIds() {
        return Stream.of(
                "",
                "a".repeat(LedgerIds.MAX_LENGTH + 1),
                "-x",
                ".x",
                "_x",
                "a b",
                " alice",
                "alice\n",
                "a/b",
                "a:b",
                "a%2Fb",
                "ä",
                "alicé");
    }

    @Test
    void returnsAValidIdUnchangedWhenRequiringIt() {
        assertThat(LedgerIds.requireValid("alice", "accountId")).isEqualTo("alice");
    }

    @Test
    void refusesAnInvalidIdWithTheInvalidIdCode() {
        assertThatExceptionOfType(LedgerException.class)
                .isThrownBy(() -> LedgerIds.requireValid("a b", "accountId"))
                .extracting(LedgerException::code)
                .isEqualTo(LedgerErrorCode.INVALID_ID);
    }

    @Test
    void refusesAMissingIdWithTheInvalidIdCode() {
        assertThatExceptionOfType(LedgerException.class)
                .isThrownBy(() -> LedgerIds.requireValid(null, "transferId"))
                .extracting(LedgerException::code)
                .isEqualTo(LedgerErrorCode.INVALID_ID);
    }

    @Test
    void namesTheRoleOfTheRefusedIdInTheMessage() {
        assertThatExceptionOfType(LedgerException.class)
                .isThrownBy(() -> LedgerIds.requireValid("", "creditAccountId"))
                .withMessageStartingWith("creditAccountId ");
    }
}
