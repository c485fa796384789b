package ai.rememberizer.auth.flow;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import ai.rememberizer.auth.password.Passwords;
import ai.rememberizer.auth.user.EmailAddress;
import ai.rememberizer.auth.user.NewPassword;
import ai.rememberizer.auth.user.NotTheEmailAddress;
import ai.rememberizer.auth.user.User;
import ai.rememberizer.auth.verification.CodeFormat;

@Schema(description = "The mailed reset code and the new password")
@NotTheEmailAddress(field = "new_password")
public record PasswordResetConfirmRequest(
        @Schema(description = "The account's e-mail address", examples = "user@example.com")
        @EmailAddress
        String email,
        @Schema(description = "The 6-digit code from the reset mail", examples = "123456")
        @CodeFormat
        String code,
        @Schema(description = "The new password: 8 to 128 characters, not a common password, not the e-mail address")
        @JsonProperty("new_password")
        @NewPassword
        String newPassword) implements NotTheEmailAddress.Checked {

    public static final PasswordResetConfirmRequest EMPTY = new PasswordResetConfirmRequest(null, null, null);

    PasswordResetConfirmRequest normalised() {
        return new PasswordResetConfirmRequest(User.normaliseEmail(email), code, Passwords.normalise(newPassword));
    }

    @Override
    public String emailAddress() {
        return email;
    }

    @Override
    public String toString() {
        return "PasswordResetConfirmRequest[email=" + email + "]";
    }
}
