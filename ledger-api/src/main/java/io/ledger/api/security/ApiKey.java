package io.ledger.api.security;

import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One API key as configured: never the key itself, only the SHA-256 of its UTF-8 bytes. A key is a long random
 * string (256 bits when the ledger generates it), so a plain, unsalted hash is enough: nobody can guess their
 * way back from it, and no slow password hash is needed on every request.
 *
 * @param id      stable identifier, recorded as the principal of every event the key causes
 * @param name    what the key is for, for people
 * @param roles   the ledger roles it grants ({@link LedgerRole#authority()} spelling)
 * @param sha256  lowercase hex SHA-256 of the key string
 * @param revoked true when the key must no longer be accepted
 */
public record ApiKey(String id, String name, List<String> roles, String sha256, boolean revoked) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    public ApiKey {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    /** Why this entry cannot be used, or null when it is well formed. */
    String problem() {
        if (id == null || !ID.matcher(id).matches()) {
            return "id must be 1 to 64 characters of letters, digits, '.', '_', ':' or '-'";
        }
        if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
            return "sha256 must be 64 lowercase hex digits";
        }
        return roles.stream().filter(role -> LedgerRole.ofAuthority(role).isEmpty()).findFirst()
                .map(unknown -> "unknown role '" + unknown + "'").orElse(null);
    }

    byte[] hashBytes() {
        return HexFormat.of().parseHex(sha256);
    }
}
