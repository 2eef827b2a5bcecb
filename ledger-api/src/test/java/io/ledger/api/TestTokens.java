package io.ledger.api;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * Signed JWTs for tests, with no identity provider: a key pair generated here plays the issuer, and its public
 * key (as a PEM file) is what the ledger is configured to trust. A second key pair signs tokens the ledger must
 * refuse.
 */
final class TestTokens {

    private static final KeyPair TRUSTED = newKeyPair();
    private static final KeyPair STRANGER = newKeyPair();
    private static final Path PUBLIC_KEY = writePublicKey();

    private TestTokens() {
    }

    /** For {@code spring.security.oauth2.resourceserver.jwt.public-key-location}. */
    static String publicKeyLocation() {
        return PUBLIC_KEY.toUri().toString();
    }

    static String valid(String subject, List<String> roles) {
        return sign(TRUSTED, subject, roles, Instant.now().plus(Duration.ofMinutes(10)));
    }

    /** Expired well beyond the decoder's allowed clock skew (60 s). */
    static String expired(String subject, List<String> roles) {
        return sign(TRUSTED, subject, roles, Instant.now().minus(Duration.ofMinutes(10)));
    }

    static String signedByStranger(String subject, List<String> roles) {
        return sign(STRANGER, subject, roles, Instant.now().plus(Duration.ofMinutes(10)));
    }

    private static String sign(KeyPair keys, String subject, List<String> roles, Instant expiresAt) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).claim("roles", roles)
                .issueTime(Date.from(expiresAt.minus(Duration.ofMinutes(20))))
                .expirationTime(Date.from(expiresAt)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner(keys.getPrivate()));
        } catch (JOSEException failure) {
            throw new IllegalStateException(failure);
        }
        return jwt.serialize();
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static Path writePublicKey() {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(TRUSTED.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        try {
            Path file = Files.createTempFile("ledger-test-issuer", ".pem");
            file.toFile().deleteOnExit();
            Files.writeString(file, pem);
            return file;
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
