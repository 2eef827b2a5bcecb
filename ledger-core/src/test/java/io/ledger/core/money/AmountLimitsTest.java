package io.ledger.core.money;

import io.ledger.core.error.UnsupportedCurrencyException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AmountLimitsTest {

    @Test
    void defaultsToOneBillionMajorUnits() {
        assertThat(AmountLimits.DEFAULT.defaultMaxMajor()).isEqualByComparingTo("1000000000");
    }

    @Test
    void expressesTheDefaultMaximumInEuroCents() {
        assertThat(AmountLimits.DEFAULT.maxMinor("EUR")).isEqualTo(100_000_000_000L);
    }

    @Test
    void expressesTheDefaultMaximumInWholeYen() {
        assertThat(AmountLimits.DEFAULT.maxMinor("JPY")).isEqualTo(1_000_000_000L);
    }

    @Test
    void expressesTheDefaultMaximumInFilsForAScaleThreeCurrency() {
        assertThat(AmountLimits.DEFAULT.maxMinor("KWD")).isEqualTo(1_000_000_000_000L);
    }

    @Test
    void honoursAPerCurrencyOverride() {
        AmountLimits limits = new AmountLimits(new BigDecimal("1000"), Map.of("JPY", new BigDecimal("500000")));

        assertThat(limits.maxMinor("JPY")).isEqualTo(500_000L);
    }

    @Test
    void keepsTheDefaultForCurrenciesWithoutAnOverride() {
        AmountLimits limits = new AmountLimits(new BigDecimal("1000"), Map.of("JPY", new BigDecimal("500000")));

        assertThat(limits.maxMinor("EUR")).isEqualTo(100_000L);
    }

    @Test
    void capsAMaximumBeyondTheRangeOfMinorUnitsAtTheLargestLong() {
        AmountLimits limits = new AmountLimits(new BigDecimal("1e30"), Map.of());

        assertThat(limits.maxMinor("EUR")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void treatsAMissingOverrideMapAsNoOverrides() {
        AmountLimits limits = new AmountLimits(new BigDecimal("10"), null);

        assertThat(limits.maxMajorByCurrency()).isEmpty();
        assertThat(limits.maxMinor("EUR")).isEqualTo(1_000L);
    }

    @Test
    void isNotChangedWhenTheOverrideMapPassedInChangesLater() {
        Map<String, BigDecimal> overrides = new HashMap<>(Map.of("JPY", new BigDecimal("5")));
        AmountLimits limits = new AmountLimits(new BigDecimal("10"), overrides);

        overrides.put("JPY", new BigDecimal("7"));

        assertThat(limits.maxMinor("JPY")).isEqualTo(5L);
    }

    @Test
    void refusesAZeroDefaultMaximum() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AmountLimits(BigDecimal.ZERO, Map.of()));
    }

    @Test
    void refusesANegativeDefaultMaximum() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AmountLimits(new BigDecimal("-1"), Map.of()));
    }

    @Test
    void refusesAMissingDefaultMaximum() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AmountLimits(null, Map.of()));
    }

    @Test
    void refusesToGiveAMaximumForAnUnsupportedCurrency() {
        assertThatExceptionOfType(UnsupportedCurrencyException.class)
                .isThrownBy(() -> AmountLimits.DEFAULT.maxMinor("XAU"));
    }
}
