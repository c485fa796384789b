package ai.rememberizer.auth.session;

import java.time.Duration;
import java.util.UUID;

/**
 * What a client gets after sign-up, sign-in or refresh: an access JWT and a refresh token,
 * with their lifetimes (the cookies' {@code Max-Age}).
 */
public record IssuedTokens(UUID sessionId, AccessToken access, String refreshToken, Duration refreshTtl) {

    @Override
    public String toString() {
        return "IssuedTokens[sessionId=" + sessionId + "]";
    }
}
