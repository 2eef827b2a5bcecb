package io.ledger.core.money;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The largest amount one transfer may move, in major units so that one figure means the same in every currency
 * ("one billion" is 1,000,000,000.00 EUR and 1,000,000,000 JPY), with optional per-currency overrides.
 */
public record AmountLimits(BigDecimal defaultMaxMajor, Map<String, BigDecimal> maxMajorByCurrency) {

    public static final AmountLimits DEFAULT = new AmountLimits(new BigDecimal("1000000000"), Map.of());

    public AmountLimits {
        if (defaultMaxMajor == null || defaultMaxMajor.signum() <= 0) {
            throw new IllegalArgumentException("The default maximum amount must be positive.");
        }
        maxMajorByCurrency = maxMajorByCurrency == null ? Map.of() : Map.copyOf(maxMajorByCurrency);
        maxMajorByCurrency.forEach((currency, maxMajor) -> {
            // A maximum below one minor unit would silently block every transfer in that currency.
            if (maxMajor.movePointRight(Currencies.scaleOf(currency)).compareTo(BigDecimal.ONE) < 0) {
                throw new IllegalArgumentException("The maximum amount for " + currency
                        + " must be at least one minor unit.");
            }
        });
    }

    /** The maximum for {@code currency} in minor units, capped at {@link Long#MAX_VALUE}. */
    public long maxMinor(String currency) {
        BigDecimal major = maxMajorByCurrency.getOrDefault(currency, defaultMaxMajor);
        BigDecimal minor = major.movePointRight(Currencies.scaleOf(currency));
        return minor.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : minor.longValue();
    }
}
