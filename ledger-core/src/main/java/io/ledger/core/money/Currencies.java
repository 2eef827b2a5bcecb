package io.ledger.core.money;

import io.ledger.core.error.UnsupportedCurrencyException;

import java.util.Currency;
import java.util.regex.Pattern;

/**
 * ISO 4217 currencies as the ledger accepts them: a known three-letter code with a defined number of minor-unit
 * digits. Codes without minor units (gold XAU, the test code XTS, special drawing rights XDR, "no currency" XXX)
 * are not money a ledger can count in integer minor units, so they are refused.
 */
public final class Currencies {

    private static final Pattern ISO_CODE = Pattern.compile("[A-Z]{3}");

    private Currencies() {
    }

    /** The number of fraction digits of {@code code} (2 for EUR, 0 for JPY, 3 for KWD). */
    public static int scaleOf(String code) {
        if (code == null || !ISO_CODE.matcher(code).matches()) {
            throw new UnsupportedCurrencyException("Currency must be an ISO 4217 code of three capital letters.");
        }
        Currency currency;
        try {
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException unknown) {
            throw new UnsupportedCurrencyException("Currency " + code + " is not an ISO 4217 currency.");
        }
        int scale = currency.getDefaultFractionDigits();
        if (scale < 0) {
            throw new UnsupportedCurrencyException("Currency " + code + " is not a monetary currency.");
        }
        return scale;
    }

    /** Throws {@link UnsupportedCurrencyException} unless {@code code} is a supported monetary currency. */
    public static void requireSupported(String code) {
        scaleOf(code);
    }
}
