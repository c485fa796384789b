package ai.rememberizer.auth.session;

import java.util.Optional;
import java.util.UUID;

/**
 * What presenting a refresh token came to. {@link Outcome#REUSED} has already revoked the
 * session (committed with the caller's transaction).
 */
public record Rotation(Outcome outcome, UUID sessionId, UUID userId, Optional<IssuedTokens> tokens) {

    public enum Outcome {
        /** A new pair in the same session. */
        ROTATED,
        /** Missing, unknown, expired, or its session ended. */
        INVALID,
        /** Already rotated, presented after the grace window: the session is now revoked. */
        REUSED
    }

    static Rotation rotated(UUID sessionId, UUID userId, IssuedTokens tokens) {
        return new Rotation(Outcome.ROTATED, sessionId, userId, Optional.of(tokens));
    }

    static Rotation invalid(UUID sessionId, UUID userId) {
        return new Rotation(Outcome.INVALID, sessionId, userId, Optional.empty());
    }

    static Rotation reused(UUID sessionId, UUID userId) {
        return new Rotation(Outcome.REUSED, sessionId, userId, Optional.empty());
    }
}
