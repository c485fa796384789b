package ai.rememberizer.auth.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

@Schema(description = "For clients without a cookie jar: the refresh token in the body. The cookie wins when both come.")
@RegisterForReflection
public record RefreshRequest(
        @Schema(description = "The refresh token")
        String refresh) {

    @Override
    public String toString() {
        return "RefreshRequest[***]";
    }
}
