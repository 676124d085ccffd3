package dev.leakwatch.jvm.profile.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks {@code Authorization: Bearer <token>} headers. Both sides are hashed with SHA-256
 * and compared with {@link MessageDigest#isEqual}, which takes the same time wherever the
 * bytes differ, and hashing first hides the token's length too.
 */
final class BearerToken {
    private static final String SCHEME = "Bearer ";

    private final byte[] expectedDigest;

    private BearerToken(byte[] expectedDigest) {
        this.expectedDigest = expectedDigest;
    }

    /** A checker for the token, or one that lets every request through when the token is null. */
    static BearerToken of(String token) {
        return new BearerToken(token == null ? null : sha256(token));
    }

    boolean required() {
        return expectedDigest != null;
    }

    boolean accepts(String authorizationHeader) {
        if (expectedDigest == null) {
            return true;
        }
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        return MessageDigest.isEqual(expectedDigest, sha256(authorizationHeader.substring(SCHEME.length()).strip()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
