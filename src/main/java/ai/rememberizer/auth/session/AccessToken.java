package ai.rememberizer.auth.session;

import java.time.Duration;

/** A signed access JWT and how long it stays valid from now (the cookie's {@code Max-Age}). */
public record AccessToken(String jwt, Duration ttl) {

    @Override
    public String toString() {
        return "AccessToken[***]";
    }
}
