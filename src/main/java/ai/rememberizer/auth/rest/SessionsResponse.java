package ai.rememberizer.auth.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import ai.rememberizer.auth.session.LiveSession;

@Schema(description = "The account's live sessions, most recently used first")
public record SessionsResponse(@Schema(description = "The sessions") List<Session> sessions) {

    @Schema(description = "A live session")
    public record Session(
            @Schema(description = "Session id") UUID id,
            @Schema(description = "When it started (the sign-in)") @JsonProperty("created_at") Instant createdAt,
            @Schema(description = "The last sign-in or refresh") @JsonProperty("last_used_at") Instant lastUsedAt,
            @Schema(description = "Its absolute end") @JsonProperty("expires_at") Instant expiresAt,
            @Schema(description = "The user agent of the last sign-in or refresh, at most 256 characters") @JsonProperty("user_agent") String userAgent,
            @Schema(description = "The client address of the last sign-in or refresh") String ip,
            @Schema(description = "Whether it is the session of the token that asked") boolean current) {
    }

    static SessionsResponse of(List<LiveSession> sessions, UUID current) {
        return new SessionsResponse(sessions.stream().map(s -> new Session(s.id(), s.createdAt(), s.lastUsedAt(), s.expiresAt(),
                s.userAgent(), s.ip(), s.id().equals(current))).toList());
    }
}
