package ai.rememberizer.auth.social;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import ai.rememberizer.auth.crypto.Sha256;

/**
 * Proof Key for Code Exchange (RFC 7636), S256 only: a verifier of 256 random bits kept with the
 * flow, and its challenge sent with the authorization request; a code stolen on its way back
 * is worth nothing without the verifier. State and nonce are made the same way.
 */
public final class Pkce {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private Pkce() {
    }

    /** 32 random bytes, Base64url without padding: 43 characters, a code verifier (and a state, a nonce). */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return URL.encodeToString(bytes);
    }

    /** The S256 challenge of a verifier: BASE64URL(SHA256(ASCII(verifier))). */
    public static String challenge(String verifier) {
        return URL.encodeToString(Sha256.of(verifier.getBytes(StandardCharsets.US_ASCII)));
    }
}
