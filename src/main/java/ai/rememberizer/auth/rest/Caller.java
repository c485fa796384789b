package ai.rememberizer.auth.rest;

import java.time.Instant;
import java.util.UUID;

import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import ai.rememberizer.auth.problem.AuthException;
import ai.rememberizer.auth.problem.ProblemCode;

/**
 * Who a verified access token speaks for: the account and the session, and when the token
 * expires. Ids that are not ours are unauthenticated.
 */
record Caller(UUID userId, UUID sessionId, Instant expiresAt) {

    static Caller of(JsonWebToken jwt) {
        Object sid = jwt.getClaim("sid");
        return new Caller(uuid(jwt.getSubject()), uuid(sid instanceof JsonString json ? json.getString() : sid == null ? null : sid.toString()),
                Instant.ofEpochSecond(jwt.getExpirationTime()));
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new AuthException(ProblemCode.UNAUTHENTICATED);
        }
    }
}
