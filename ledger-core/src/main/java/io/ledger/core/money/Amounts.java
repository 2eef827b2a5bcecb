package io.ledger.core.money;

import io.ledger.core.error.AmountTooLargeException;
import io.ledger.core.error.InvalidAmountException;
import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Conversion between the decimal strings clients send ("125.50") and the integer minor units the ledger counts in
 * (12550 for EUR). Amounts never pass through floating point.
 *
 * <p>The accepted grammar is deliberately narrow: an optional minus sign, digits without leading zeros, and an
 * optional fraction. Exponents, plus signs, thousands separators, whitespace, NaN and infinities are malformed
 * (400). A well-formed amount with more fraction digits than its currency has is a business refusal (422), because
 * whether "12.3" is valid depends on the currency (fine in EUR, not in JPY).
 */
public final class Amounts {

    /** Longer strings cannot be a valid amount in any currency; refusing early bounds the work a request causes. */
    public static final int MAX_AMOUNT_LENGTH = 32;

    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?");

    private Amounts() {
    }

    /**
     * Parses {@code decimal} in {@code currency} to minor units. Signs are kept: whether a negative value is allowed
     * is the caller's rule (a transfer amount must be positive, an overdraft limit must not be negative).
     */
    public static long parseMinor(String decimal, String currency) {
        if (decimal == null || decimal.length() > MAX_AMOUNT_LENGTH || !DECIMAL.matcher(decimal).matches()) {
            throw new LedgerException(LedgerErrorCode.MALFORMED_AMOUNT,
                    "Amounts are decimal strings such as \"125.50\", with at most " + MAX_AMOUNT_LENGTH
                            + " characters.");
        }
        int scale = Currencies.scaleOf(currency);
        BigDecimal value = new BigDecimal(decimal);
        if (value.scale() > scale) {
            throw new InvalidAmountException(
                    currency + " amounts have at most " + scale + " fraction digits; got \"" + decimal + "\".");
        }
        try {
            return value.movePointRight(scale).longValueExact();
        } catch (ArithmeticException outOfRange) {
            throw new AmountTooLargeException("Amount \"" + decimal + "\" is out of range.");
        }
    }

    /** Formats {@code minor} units of {@code currency} as a plain decimal string with exactly the currency's scale. */
    public static String format(long minor, String currency) {
        return BigDecimal.valueOf(minor, Currencies.scaleOf(currency)).toPlainString();
    }
}
