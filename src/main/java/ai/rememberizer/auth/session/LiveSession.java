package ai.rememberizer.auth.session;

import java.time.Instant;
import java.util.UUID;

/** A live session as its owner sees it: when it started, was last used (sign-in or refresh), ends, and from where. */
public record LiveSession(UUID id, Instant createdAt, Instant lastUsedAt, Instant expiresAt, String userAgent, String ip) {
}
