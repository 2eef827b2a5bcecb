package io.ledger.core;

import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;

import java.util.regex.Pattern;

/**
 * Client-chosen identifiers of accounts and transfers: 1 to 64 characters of letters, digits, '.', '_' and '-',
 * starting with a letter or digit. UUIDs fit, and so do readable slugs such as {@code alice-eur} or
 * {@code settlement.eur}. The alphabet keeps ids safe in URL paths, logs and file names without escaping.
 */
public final class LedgerIds {

    public static final int MAX_LENGTH = 64;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");

    private LedgerIds() {
    }

    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** Throws {@code INVALID_ID} unless {@code id} is a valid identifier; {@code role} names it in the message. */
    public static String requireValid(String id, String role) {
        if (!isValid(id)) {
            throw new LedgerException(LedgerErrorCode.INVALID_ID, role + " must be 1 to " + MAX_LENGTH
                    + " characters of letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }
        return id;
    }
}
