package ai.rememberizer.auth.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Credentials. The login is the e-mail address, in any case.")
public record SignInRequest(
        @Schema(description = "The account's e-mail address", examples = "user@example.com")
        String login,
        @Schema(description = "The password")
        String password,
        @Schema(description = "The captcha provider's response token")
        String captcha) {

    @Override
    public String toString() {
        return "SignInRequest[login=" + login + "]";
    }
}
