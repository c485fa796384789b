package ai.rememberizer.auth.flow;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.rememberizer.auth.user.EmailAddress;
import ai.rememberizer.auth.user.User;

@Schema(description = "A forgotten password: the address of the account")
public record PasswordResetRequest(
        @Schema(description = "The account's e-mail address", examples = "user@example.com")
        @EmailAddress
        String email,
        @Schema(description = "The captcha provider's response token; missing or refused, 400 captcha_invalid", required = true)
        String captcha) {

    public static final PasswordResetRequest EMPTY = new PasswordResetRequest(null, null);

    PasswordResetRequest normalised() {
        return new PasswordResetRequest(User.normaliseEmail(email), captcha);
    }
}
