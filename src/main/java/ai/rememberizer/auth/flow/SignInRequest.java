package ai.rememberizer.auth.flow;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.rememberizer.auth.user.CurrentPassword;
import ai.rememberizer.auth.user.Login;

@Schema(description = "Credentials. The login is the e-mail address, in any case.")
public record SignInRequest(
        @Schema(description = "The account's e-mail address", examples = "user@example.com")
        @Login
        String login,
        @Schema(description = "The password")
        @CurrentPassword
        String password,
        @Schema(description = "The captcha provider's response token; missing or refused, 400 captcha_invalid", required = true)
        String captcha) {

    /** What an empty body means. */
    public static final SignInRequest EMPTY = new SignInRequest(null, null, null);

    @Override
    public String toString() {
        return "SignInRequest[login=" + login + "]";
    }
}
