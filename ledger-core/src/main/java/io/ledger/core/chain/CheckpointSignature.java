package io.ledger.core.chain;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * HMAC-SHA256 of a checkpoint's hash under a key kept outside the database. Whoever can write to the database but
 * does not hold the key can recompute every chain hash and every checkpoint hash, but cannot sign them, so a
 * rewritten history fails verification with the key.
 */
public final class CheckpointSignature {

    /** Shorter keys are refused: HMAC-SHA256 is only as strong as its key, up to 32 bytes. */
    public static final int MIN_KEY_BYTES = 32;

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public CheckpointSignature(byte[] keyBytes) {
        if (keyBytes == null || keyBytes.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("A checkpoint signing key has at least " + MIN_KEY_BYTES + " bytes");
        }
        key = new SecretKeySpec(keyBytes, ALGORITHM);
    }

    public byte[] sign(byte[] checkpointHash) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(checkpointHash);
        } catch (GeneralSecurityException impossible) {
            // Every Java runtime must provide HmacSHA256 (javax.crypto.Mac's documented guarantee).
            throw new IllegalStateException("HmacSHA256 is not available", impossible);
        }
    }

    public boolean verifies(byte[] checkpointHash, byte[] signature) {
        return signature != null && MessageDigest.isEqual(sign(checkpointHash), signature);
    }
}
