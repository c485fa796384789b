package ai.rememberizer.auth.flow;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.rememberizer.auth.user.CurrentPassword;

@Schema(description = "The account's password, to confirm a change to its second factor")
public record PasswordRequest(
        @Schema(description = "The account's password")
        @CurrentPassword
        String password) {

    public static final PasswordRequest EMPTY = new PasswordRequest(null);

    @Override
    public String toString() {
        return "PasswordRequest[***]";
    }
}
