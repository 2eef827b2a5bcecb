package io.ledger.core.money;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

import static org.assertj.core.api.Assertions.assertThat;

class AmountsPropertiesTest {

    @Property
    void parsingAFormattedAmountGivesBackTheSameMinorUnits(
            @ForAll @LongRange(min = -1_000_000_000_000_000L, max = 1_000_000_000_000_000L) long minor,
            @ForAll("supportedCurrencies") String currency) {
        assertThat(Amounts.parseMinor(Amounts.format(minor, currency), currency)).isEqualTo(minor);
    }

    @Provide
    Arbitrary<String> supportedCurrencies() {
        return Arbitraries.of("EUR", "JPY", "KWD");
    }
}
