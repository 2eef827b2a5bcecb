package io.ledger.core.compliance;

import io.ledger.core.money.Currencies;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The compliance rules in force, under one {@code version} that every alert records. Thresholds are in major
 * units (one figure means the same in every currency) with per-currency overrides, and are compared in minor
 * units. A window is half-open: a movement at instant {@code m} is within the window ending at {@code t} when
 * {@code t - window < m <= t}.
 *
 * @param version                         recorded with every alert, so a reviewer knows which rules raised it
 * @param largeThreshold                  a transfer of at least this many major units is a large transaction
 * @param largeThresholdByCurrency        per-currency overrides of {@code largeThreshold}
 * @param structuringWindow               how far back smaller transfers are summed against the threshold
 * @param velocityMaxTransfers            most outgoing transfers per account allowed within the velocity window
 * @param velocityWindow                  the window of the velocity rule
 * @param insufficientFundsRepeatCount    the number of insufficient-funds refusals within the window that raise
 * @param insufficientFundsWindow         the window of the repeated-insufficient-funds rule
 */
public record ComplianceRules(
        String version,
        BigDecimal largeThreshold,
        Map<String, BigDecimal> largeThresholdByCurrency,
        Duration structuringWindow,
        int velocityMaxTransfers,
        Duration velocityWindow,
        int insufficientFundsRepeatCount,
        Duration insufficientFundsWindow) {

    public static final String DEFAULT_VERSION = "2026-11-1";

    public static final ComplianceRules DEFAULT = new ComplianceRules(DEFAULT_VERSION, new BigDecimal("10000"),
            Map.of(), Duration.ofHours(24), 10, Duration.ofHours(1), 3, Duration.ofHours(1));

    public ComplianceRules {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(largeThreshold, "largeThreshold");
        largeThresholdByCurrency = largeThresholdByCurrency == null ? Map.of() : Map.copyOf(largeThresholdByCurrency);
        requirePositive(structuringWindow, "structuringWindow");
        requirePositive(velocityWindow, "velocityWindow");
        requirePositive(insufficientFundsWindow, "insufficientFundsWindow");
        if (largeThreshold.signum() <= 0 || largeThresholdByCurrency.values().stream().anyMatch(t -> t.signum() <= 0)) {
            throw new IllegalArgumentException("Large-transaction thresholds must be above zero");
        }
        if (velocityMaxTransfers < 1 || insufficientFundsRepeatCount < 1) {
            throw new IllegalArgumentException("Counts of the compliance rules must be at least 1");
        }
    }

    /** The large-transaction threshold of {@code currency} in its minor units (rounded up to a whole unit). */
    public long largeThresholdMinor(String currency) {
        BigDecimal major = largeThresholdByCurrency.getOrDefault(currency, largeThreshold);
        return major.movePointRight(Currencies.scaleOf(currency)).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    private static void requirePositive(Duration window, String name) {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }
}
