package ai.rememberizer.auth.flow;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import ai.rememberizer.auth.password.Passwords;
import ai.rememberizer.auth.user.CurrentPassword;
import ai.rememberizer.auth.user.NewPassword;

@Schema(description = "The current password, and the new one")
public record PasswordChangeRequest(
        @Schema(description = "The password now")
        @JsonProperty("current_password")
        @CurrentPassword
        String currentPassword,
        @Schema(description = "The new password: 8 to 128 characters, not a common password, not the e-mail address")
        @JsonProperty("new_password")
        @NewPassword
        String newPassword) {

    public static final PasswordChangeRequest EMPTY = new PasswordChangeRequest(null, null);

    PasswordChangeRequest normalised() {
        return new PasswordChangeRequest(currentPassword, Passwords.normalise(newPassword));
    }

    @Override
    public String toString() {
        return "PasswordChangeRequest[***]";
    }
}
