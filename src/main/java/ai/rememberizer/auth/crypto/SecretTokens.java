package ai.rememberizer.auth.crypto;

import java.security.SecureRandom;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Opaque secrets handed to clients (refresh tokens) and their stored form. A refresh token
 * carries 256 random bits, so a plain SHA-256 is enough to store it: nobody can brute-force
 * the pre-image, and the lookup by hash is an index equality.
 */
@ApplicationScoped
public class SecretTokens {

    private static final int TOKEN_BYTES = 32;
    private final SecureRandom random = new SecureRandom();

    /** A new URL-safe token of 256 random bits (43 characters). */
    public String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored form of a token: its SHA-256. */
    public byte[] hash(String token) {
        return Sha256.of(token);
    }
}
