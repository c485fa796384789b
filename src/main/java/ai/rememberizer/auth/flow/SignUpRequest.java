package ai.rememberizer.auth.flow;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.rememberizer.auth.user.DisplayName;
import ai.rememberizer.auth.user.EmailAddress;
import ai.rememberizer.auth.user.NewPassword;
import ai.rememberizer.auth.user.NotTheEmailAddress;

@Schema(description = "A new account. The e-mail and the name are trimmed; the password is taken as typed.")
@NotTheEmailAddress
public record SignUpRequest(
        @Schema(description = "E-mail address, unique without regard to case, at most 254 characters", examples = "user@example.com")
        @EmailAddress
        String email,
        @Schema(description = "8 to 128 characters (Unicode code points); not a common password, not the e-mail address")
        @NewPassword
        String password,
        @Schema(description = "Display name, 1 to 150 characters, no control characters", examples = "John Doe")
        @DisplayName
        String name,
        @Schema(description = "The captcha provider's response token")
        String captcha) implements NotTheEmailAddress.Checked {

    /** What an empty body means. */
    public static final SignUpRequest EMPTY = new SignUpRequest(null, null, null, null);

    /** The address and the name trimmed; the password exactly as typed. */
    SignUpRequest normalised() {
        return new SignUpRequest(email == null ? null : email.strip(), password, name == null ? null : name.strip(), captcha);
    }

    @Override
    public String emailAddress() {
        return email;
    }

    @Override
    public String newPassword() {
        return password;
    }

    @Override
    public String toString() {
        return "SignUpRequest[email=" + email + "]";
    }
}
