package ai.rememberizer.auth.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import ai.rememberizer.auth.user.User;

@Schema(description = "An account as its owner sees it")
public record AccountResponse(
        @Schema(description = "Account id") UUID id,
        @Schema(description = "E-mail address as typed at sign-up") String email,
        @Schema(description = "Display name") String name,
        @Schema(description = "Whether the address was verified") @JsonProperty("email_verified") boolean emailVerified,
        @Schema(description = "Creation time, ISO-8601 UTC") @JsonProperty("created_at") Instant createdAt) {

    static AccountResponse of(User user) {
        return new AccountResponse(user.id, user.email, user.name, user.emailVerified, user.createdAt);
    }
}
