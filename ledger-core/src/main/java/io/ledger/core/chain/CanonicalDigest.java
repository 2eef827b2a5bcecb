package io.ledger.core.chain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A SHA-256 digest fed with length-prefixed fields. Every field is written as its length (4 bytes, big-endian;
 * -1 for an absent value) followed by its bytes, and numbers as 8 fixed bytes, so no two different sequences of
 * fields can produce the same input: moving bytes from one field to its neighbour changes the lengths.
 */
final class CanonicalDigest {

    private static final int ABSENT = -1;

    private final MessageDigest sha256;

    CanonicalDigest(String domainTag) {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            // Every Java runtime must provide SHA-256 (java.security.MessageDigest's documented guarantee).
            throw new IllegalStateException("SHA-256 is not available", impossible);
        }
        text(domainTag);
    }

    CanonicalDigest bytes(byte[] value) {
        if (value == null) {
            sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(ABSENT).array());
            return this;
        }
        sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(value.length).array());
        sha256.update(value);
        return this;
    }

    CanonicalDigest text(String value) {
        return bytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    CanonicalDigest number(long value) {
        sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
        return this;
    }

    byte[] finish() {
        return sha256.digest();
    }
}
