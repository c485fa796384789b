package ai.rememberizer.auth.rest;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.rememberizer.auth.problem.AuthException;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Reads the session id from an access token on endpoints that do not require one (logout):
 * the token is fully verified (signature, issuer, expiry) before its {@code sid} is trusted.
 */
@ApplicationScoped
class AccessTokenReader {

    private static final String BEARER = "Bearer ";

    private final JWTParser parser;

    AccessTokenReader(JWTParser parser) {
        this.parser = parser;
    }

    /** The verified token's session, from the Bearer header or, when it is absent, the cookie. */
    Optional<UUID> sessionId(String authorization, String cookie) {
        String token = authorization != null
                ? (authorization.regionMatches(true, 0, BEARER, 0, BEARER.length()) ? authorization.substring(BEARER.length()).trim() : null)
                : cookie;
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Callers.sessionOf(parser.parse(token)));
        } catch (ParseException | AuthException e) {
            return Optional.empty();
        }
    }
}
