package ai.rememberizer.auth.flow;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.rememberizer.auth.password.Passwords;
import ai.rememberizer.auth.user.DisplayName;
import ai.rememberizer.auth.user.EmailAddress;
import ai.rememberizer.auth.user.NewPassword;
import ai.rememberizer.auth.user.NotTheEmailAddress;
import ai.rememberizer.auth.user.User;

@Schema(description = "A new account. The e-mail (NFC) and the name are trimmed; the password is NFKC-normalised, never trimmed.")
@NotTheEmailAddress
public record SignUpRequest(
        @Schema(description = "E-mail address, unique without regard to case, at most 254 characters", examples = "user@example.com")
        @EmailAddress
        String email,
        @Schema(description = "8 to 128 characters (Unicode code points); not a common password, not the e-mail address")
        @NewPassword
        String password,
        @Schema(description = "Display name, 1 to 150 characters, no control or format characters", examples = "John Doe")
        @DisplayName
        String name,
        @Schema(description = "The captcha provider's response token; missing or refused, 400 captcha_invalid", required = true)
        String captcha) implements NotTheEmailAddress.Checked {

    /** What an empty body means. */
    public static final SignUpRequest EMPTY = new SignUpRequest(null, null, null, null);

    /** The address NFC-normalised and trimmed, the name trimmed, the password NFKC-normalised (never trimmed). */
    SignUpRequest normalised() {
        return new SignUpRequest(User.normaliseEmail(email), Passwords.normalise(password), name == null ? null : name.strip(),
                captcha);
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
