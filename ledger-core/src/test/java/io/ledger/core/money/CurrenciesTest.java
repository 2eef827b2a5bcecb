package io.ledger.core.money;

import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;
import io.ledger.core.error.UnsupportedCurrencyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CurrenciesTest {

    @Test
    void givesEuroTwoFractionDigits() {
        assertThat(Currencies.scaleOf("EUR")).isEqualTo(2);
    }

    @Test
    void givesYenNoFractionDigits() {
        assertThat(Currencies.scaleOf("JPY")).isZero();
    }

    @Test
    void givesKuwaitiDinarThreeFractionDigits() {
        assertThat(Currencies.scaleOf("KWD")).isEqualTo(3);
    }

    @Test
    void acceptsASupportedCurrency() {
        assertThatCode(() -> Currencies.requireSupported("EUR")).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"ABC", "QQQ"})
    void refusesAThreeLetterCodeThatIsNotAnIsoCurrency(String code) {
        assertRefused(code);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"XTS", "XAU", "XXX", "XDR"})
    void refusesAnIsoCodeWithoutMinorUnitsBecauseItIsNotCountableMoney(String code) {
        assertRefused(code);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullSource
    @ValueSource(strings = {"eur", "Eur", "EURO", "EU", "", " EUR", "E1R"})
    void refusesACodeThatIsNotThreeCapitalLetters(String code) {
        assertRefused(code);
    }

    private static void assertRefused(String code) {
        assertThatExceptionOfType(UnsupportedCurrencyException.class)
                .isThrownBy(() -> Currencies.scaleOf(code))
                .extracting(LedgerException::code)
                .isEqualTo(LedgerErrorCode.UNSUPPORTED_CURRENCY);
        assertThatExceptionOfType(UnsupportedCurrencyException.class)
                .isThrownBy(() -> Currencies.requireSupported(code));
    }
}
