package ai.rememberizer.auth.rest;

import java.util.UUID;

import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import ai.rememberizer.auth.problem.AuthException;
import ai.rememberizer.auth.problem.ProblemCode;

/** The ids in a verified access token; a token whose ids are not ours is unauthenticated. */
final class Claims {

    private Claims() {
    }

    static UUID userId(JsonWebToken jwt) {
        return uuid(jwt.getSubject());
    }

    static UUID sessionId(JsonWebToken jwt) {
        Object sid = jwt.getClaim("sid");
        return uuid(sid instanceof JsonString json ? json.getString() : sid == null ? null : sid.toString());
    }

    /** Also used on tokens read outside the security layer (logout). */
    static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new AuthException(ProblemCode.UNAUTHENTICATED, "Sign in again.");
        }
    }
}
