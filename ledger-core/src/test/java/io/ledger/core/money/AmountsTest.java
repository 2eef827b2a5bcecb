package io.ledger.core.money;

import io.ledger.core.error.AmountTooLargeException;
import io.ledger.core.error.InvalidAmountException;
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

class AmountsTest {

    @Test
    void parsesAnAmountWithTheCurrencysFullScaleIntoMinorUnits() {
        assertThat(Amounts.parseMinor("125.50", "EUR")).isEqualTo(12550L);
    }

    @Test
    void parsesAnAmountWithFewerFractionDigitsThanTheCurrencyHas() {
        assertThat(Amounts.parseMinor("12.3", "EUR")).isEqualTo(1230L);
    }

    @Test
    void parsesAWholeAmountInACurrencyWithoutMinorUnits() {
        assertThat(Amounts.parseMinor("100", "JPY")).isEqualTo(100L);
    }

    @Test
    void parsesAnAmountWithThreeFractionDigitsInACurrencyOfScaleThree() {
        assertThat(Amounts.parseMinor("1.234", "KWD")).isEqualTo(1234L);
    }

    @Test
    void parsesZero() {
        assertThat(Amounts.parseMinor("0", "EUR")).isZero();
        assertThat(Amounts.parseMinor("0.00", "EUR")).isZero();
    }

    @Test
    void keepsTheSignOfANegativeAmountBecauseWhetherItIsAllowedIsTheCallersRule() {
        assertThat(Amounts.parseMinor("-5.00", "EUR")).isEqualTo(-500L);
    }

    @Test
    void refusesAFractionInACurrencyWithoutMinorUnits() {
        assertThatExceptionOfType(InvalidAmountException.class)
                .isThrownBy(() -> Amounts.parseMinor("12.3", "JPY"))
                .extracting(LedgerException::code)
                .isEqualTo(LedgerErrorCode.INVALID_AMOUNT);
    }

    @Test
    void refusesMoreFractionDigitsThanTheCurrencyHas() {
        assertThatExceptionOfType(InvalidAmountException.class)
                .isThrownBy(() -> Amounts.parseMinor("12.345", "EUR"))
                .extracting(LedgerException::code)
                .isEqualTo(LedgerErrorCode.INVALID_AMOUNT);
    }

    @Test
    void refusesMoreFractionDigitsThanTheCurrencyHasEvenWhenTheyAreZeros() {
        assertThatExceptionOfType(InvalidAmountException.class)
                .isThrownBy(() -> Amounts.parseMinor("100.0", "JPY"))
                .extracting(LedgerException::code)
                .isEqualTo(LedgerErrorCode.INVALID_AMOUNT);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullSource
    @ValueSource(strings = {"1e3", "NaN", "+12.00", "12,00", " 12.00", "12.00 ", "12.", ".5", "007", "00.5", "", "-",
            "Infinity", "-Infinity", "0x10", "1 000.00", "１２", "12.0.0", "--5"})
    void refusesAStringOutsideTheDecimalGrammarAsMalformed(String decimal) {
        assertThatExceptionOfType(LedgerException.class)
                .isThrownBy(() -> Amounts.parseMinor(decimal, "EUR"))
                .extracting(LedgerException::code)
                .isEqualTo(LedgerErrorCode.MALFORMED_AMOUNT);
    }

    @ParameterizedTest(name = "{0} characters")
    @MethodSource("overlongDigitStrings")
    void refusesAStringLongerThanAnyValidAmountAsMalformed(String decimal) {
        assertThatExceptionOfType(LedgerException.class)
                .isThrownBy(() -> Amounts.parseMinor(decimal, "EUR"))
                .extracting(LedgerException::code)
                .isEqualTo(LedgerErrorCode.MALFORMED_AMOUNT);
    }

    static Stream<String> overlongDigitStrings() {
        return Stream.of("1".repeat(Amounts.MAX_AMOUNT_LENGTH + 1), "9".repeat(1000));
    }

    @Test
    void refusesAWellFormedAmountBeyondTheRangeOfMinorUnitsAsTooLarge() {
        assertThatExceptionOfType(AmountTooLargeException.class)
                .isThrownBy(() -> Amounts.parseMinor("99999999999999999999", "EUR"))
                .extracting(LedgerException::code)
                .isEqualTo(LedgerErrorCode.AMOUNT_TOO_LARGE);
    }

    @Test
    void treatsAnAmountOfExactlyTheMaximumLengthAsWellFormed() {
        String longestWellFormed = "1" + "0".repeat(Amounts.MAX_AMOUNT_LENGTH - 1);

        assertThatExceptionOfType(AmountTooLargeException.class)
                .isThrownBy(() -> Amounts.parseMinor(longestWellFormed, "EUR"))
                .extracting(LedgerException::code)
                .isEqualTo(LedgerErrorCode.AMOUNT_TOO_LARGE);
    }

    @Test
    void parsesTheLargestAndSmallestAmountsThatFitInMinorUnits() {
        assertThat(Amounts.parseMinor("92233720368547758.07", "EUR")).isEqualTo(Long.MAX_VALUE);
        assertThat(Amounts.parseMinor("-92233720368547758.08", "EUR")).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void refusesOneMinorUnitBeyondTheRangeOfMinorUnitsAsTooLarge() {
        assertThatExceptionOfType(AmountTooLargeException.class)
                .isThrownBy(() -> Amounts.parseMinor("92233720368547758.08", "EUR"))
                .extracting(LedgerException::code)
                .isEqualTo(LedgerErrorCode.AMOUNT_TOO_LARGE);
    }

    @Test
    void refusesAnAmountInAnUnsupportedCurrency() {
        assertThatExceptionOfType(LedgerException.class)
                .isThrownBy(() -> Amounts.parseMinor("1.00", "XAU"))
                .extracting(LedgerException::code)
                .isEqualTo(LedgerErrorCode.UNSUPPORTED_CURRENCY);
    }

    @Test
    void formatsMinorUnitsWithTheCurrencysScale() {
        assertThat(Amounts.format(12550, "EUR")).isEqualTo("125.50");
    }

    @Test
    void formatsANegativeAmountBelowOneMajorUnitWithALeadingZero() {
        assertThat(Amounts.format(-5, "EUR")).isEqualTo("-0.05");
    }

    @Test
    void formatsACurrencyWithoutMinorUnitsWithoutADecimalPoint() {
        assertThat(Amounts.format(100, "JPY")).isEqualTo("100");
    }

    @Test
    void formatsACurrencyOfScaleThreeWithThreeFractionDigits() {
        assertThat(Amounts.format(1, "KWD")).isEqualTo("0.001");
    }

    @Test
    void formatsZeroWithTheCurrencysScale() {
        assertThat(Amounts.format(0, "EUR")).isEqualTo("0.00");
    }

    @Test
    void formatsLargeAmountsWithoutAnExponent() {
        assertThat(Amounts.format(Long.MAX_VALUE, "EUR")).isEqualTo("92233720368547758.07");
    }
}
